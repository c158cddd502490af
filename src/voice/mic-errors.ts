import { KrosaiError } from '../errors.js';

/**
 * Maps a getUserMedia failure to the reason the visitor can act on. Names come from the Media
 * Capture spec plus the legacy Chrome names some browsers still use.
 */
export function classifyMicError(error: unknown): KrosaiError {
  if (error instanceof KrosaiError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new KrosaiError('mic-denied', 'The microphone was not allowed.', { cause: error });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new KrosaiError('mic-missing', 'No microphone was found.', { cause: error });
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new KrosaiError('mic-busy', 'The microphone is in use by another program.', {
        cause: error,
      });
    default:
      if (typeof navigator !== 'undefined' && !navigator.mediaDevices) {
        // No mediaDevices at all: an insecure page (http) or a browser without capture.
        return new KrosaiError('mic-missing', 'This page cannot use a microphone.', {
          cause: error,
        });
      }
      return new KrosaiError('unknown', 'The microphone could not be started.', { cause: error });
  }
}

/**
 * Why a microphone that was working went away for good: the visitor (or the browser) revoked the
 * permission, or the last input device is gone.
 */
export async function microphoneLossError(): Promise<KrosaiError> {
  let state: PermissionState | undefined;
  try {
    // Not every browser can query the microphone's permission: then it reads as gone.
    state = (await navigator.permissions?.query({ name: 'microphone' as PermissionName }))?.state;
  } catch {
    state = undefined;
  }
  return state === 'denied'
    ? new KrosaiError('mic-denied', 'The microphone was taken away during the call.')
    : new KrosaiError('mic-missing', 'The microphone stopped during the call.');
}
