import { KrosaiError } from '../errors.js';
import { roomUrlCandidates } from './room-url.js';
import type { VoiceCall } from './voice-call.js';
import type { VoiceConnectOptions } from './voice-session.js';

/** What a failed `room.connect()` means (livekit-voice-session.ts reads livekit-client's errors). */
export type JoinFailure =
  | { tokenRejected: true; status: number }
  | { tokenRejected: false; error: KrosaiError };

/** What joining needs from the session. */
export interface RoomJoinContext {
  /** Replaces the call's room with a fresh one, every listener registered. */
  replaceRoom(call: VoiceCall): void;
  classify(error: unknown): JoinFailure;
  /** How long a room URL with a fallback may take before the fallback is tried. */
  pathTimeoutMs: number;
}

/** Starts joining the call's room; `call.joining` settles when the join is over, either way. */
export function startJoin(
  call: VoiceCall,
  options: VoiceConnectOptions,
  context: RoomJoinContext,
): Promise<void> {
  const join = joinRoom(call, options, context);
  call.joining = join.catch(() => {});
  return join;
}

/**
 * Joins with the URL as given and then its origin; a rejected token is refreshed once through
 * `refreshToken`, after which a rejection is `token-expired`. Every call subscribes to the agent's
 * audio (`autoSubscribe`), text conversations too: the agent speaks, and publishes its
 * transcript, only once its audio is subscribed.
 */
async function joinRoom(
  call: VoiceCall,
  options: VoiceConnectOptions,
  context: RoomJoinContext,
): Promise<void> {
  const urls = roomUrlCandidates(options.roomUrl);
  let token = options.token;
  let refreshed = false;
  let urlIndex = 0;
  for (;;) {
    const hasFallback = urlIndex + 1 < urls.length;
    let gaveUp = false;
    // livekit-client retries a path it cannot find without end, so a URL that has a fallback
    // gets a time limit.
    const limit = hasFallback
      ? setTimeout(() => {
          gaveUp = true;
          void call.room.disconnect().catch(() => {});
        }, context.pathTimeoutMs)
      : undefined;
    try {
      await call.room.connect(urls[urlIndex]!, token, { autoSubscribe: true });
      return;
    } catch (error) {
      if (call.abort.signal.aborted) throw error;
      if (gaveUp) {
        // The abandoned room's engine is left half-closed: the next URL gets a fresh room.
        context.replaceRoom(call);
        urlIndex += 1;
        continue;
      }
      const failure = context.classify(error);
      if (failure.tokenRejected) {
        if (refreshed || !options.refreshToken) {
          throw new KrosaiError('token-expired', 'The voice token was rejected.', {
            cause: error,
            status: failure.status,
          });
        }
        refreshed = true;
        token = await options.refreshToken();
        continue;
      }
      if (hasFallback) {
        urlIndex += 1;
        continue;
      }
      throw failure.error;
    } finally {
      clearTimeout(limit);
    }
  }
}
