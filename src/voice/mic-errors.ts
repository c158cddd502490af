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
