import type { Room } from 'livekit-client';
import { KrosaiError, toKrosaiError } from '../errors.js';
import type { AgentAudio } from './agent-audio.js';
import { TRANSCRIPTION_TOPIC } from './agent-protocol.js';
import { acquireCallLock, type CallLock } from './call-lock.js';
import { CallMicrophone, type MicrophoneDriver, type MicrophoneEvents } from './call-microphone.js';
import { LiveTranscripts } from './live-transcripts.js';
import type { CallEndReason, TranscriptUpdate } from './voice-session.js';

/** How long a hang-up during connect waits for the join to finish, so it can leave cleanly. */
const JOIN_SETTLE_MS = 3_000;

/** Everything one call holds; released as a whole, so nothing outlives the call. */
export interface VoiceCall {
  /** Replaced only when a room URL is abandoned for its fallback during connect. */
  room: Room;
  readonly abort: AbortController;
  /** Rejects when the call is aborted, to cut any await in connect() short. */
  readonly aborted: Promise<never>;
  /** Why the call was stopped from this side while connecting (hang up, taken over). */
  stopReason?: CallEndReason;
  /** In the room (with the microphone published, unless it joined to type): connect() is done. */
  joined: boolean;
  lock?: CallLock;
  readonly microphone: CallMicrophone;
  agentIdentity?: string;
  agentTimer?: ReturnType<typeof setTimeout>;
  readonly agentJoinTimeoutMs: number;
  readonly transcripts: LiveTranscripts;
  /** Settles when the room join that connect() started is over, either way. */
  joining?: Promise<void>;
  /** Set once release starts; a call being released ignores every room event. */
  released?: Promise<void>;
}

export function newVoiceCall(
  room: Room,
  options: {
    agentJoinTimeoutMs: number;
    microphone: MicrophoneDriver;
    microphoneDeviceId: string | undefined;
  },
  publishTranscript: (update: TranscriptUpdate) => void,
  microphoneEvents: MicrophoneEvents,
): VoiceCall {
  const abort = new AbortController();
  const aborted = new Promise<never>((_, reject) => {
    abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true });
  });
  aborted.catch(() => {});
  const microphone = new CallMicrophone(
    options.microphone,
    options.microphoneDeviceId,
    microphoneEvents,
  );
  const call: VoiceCall = {
    room,
    abort,
    aborted,
    joined: false,
    microphone,
    agentJoinTimeoutMs: options.agentJoinTimeoutMs,
    transcripts: new LiveTranscripts(
      {
        identity: () => call.room.localParticipant.identity,
        microphoneTrackSids: microphone.trackSids,
      },
      publishTranscript,
    ),
  };
  return call;
}

/** Awaits a step of connect(), but gives up at once when the call is stopped. */
export function guardStep<T>(call: VoiceCall, step: Promise<T>): Promise<T> {
  return Promise.race([step, call.aborted]);
}

/** Stops connect() at its next step; connect() itself then tears the call down. */
export function stopConnecting(call: VoiceCall, reason: CallEndReason): void {
  call.stopReason ??= reason;
  call.abort.abort(new KrosaiError('aborted', 'The call was stopped while connecting.'));
}

/** Takes the call's Web Lock. Not cut short by guardStep(): a lock granted after a hang-up must
 * still be let go. `onLost`: another tab took the call over. */
export async function takeCallLock(
  call: VoiceCall,
  name: string,
  takeOver: boolean | undefined,
  onLost: () => void,
): Promise<void> {
  const lock = await acquireCallLock(name, { takeOver: takeOver ?? false, onLost });
  call.lock = lock;
  if (call.released) await lock.release();
  if (call.abort.signal.aborted) throw call.abort.signal.reason;
}

/** Opens the call's microphone; a call stopped meanwhile lets it go at once. */
export async function openCallMicrophone(call: VoiceCall): Promise<void> {
  // Opened while the room is still being joined: the visitor may speak at once.
  await call.microphone.open({ preConnectBuffer: true });
  if (call.released || call.abort.signal.aborted) {
    call.microphone.release();
    throw new KrosaiError('aborted', 'The call was stopped while the microphone started.');
  }
}

/** The error connect() rejects with: how this side stopped it, or what failed. */
export function connectFailure(call: VoiceCall, error: unknown): KrosaiError {
  if (call.stopReason === 'call-elsewhere') {
    return new KrosaiError('call-elsewhere', 'The call was taken over in another tab.');
  }
  if (call.stopReason) return new KrosaiError('aborted', 'The call was hung up while connecting.');
  return toKrosaiError(error);
}

/**
 * Stops every track, leaves the room and lets go of the call lock. Idempotent; never rejects.
 * `audio` is the session's player, emptied here.
 */
export function releaseVoiceCall(call: VoiceCall, audio: AgentAudio): Promise<void> {
  call.released ??= (async () => {
    clearTimeout(call.agentTimer);
    // Stopping the tracks ourselves covers a microphone that was never published.
    call.microphone.release();
    for (const publication of call.room.localParticipant.trackPublications.values()) {
      publication.track?.stop();
    }
    // A join cut off half-way leaves the server holding a participant it keeps for a resume;
    // a join let finish can leave properly. Only a join that hangs is cut off.
    if (call.joining) await Promise.race([call.joining, delay(JOIN_SETTLE_MS)]);
    await call.room.disconnect(true).catch(() => {});
    // livekit-client 2.23 never lets a Room be collected (client-sdk-js#2008): cut everything of
    // ours it holds, so at most the Room's own objects outlive the call, not the session.
    call.room.removeAllListeners();
    call.room.localParticipant.removeAllListeners();
    call.room.unregisterTextStreamHandler(TRANSCRIPTION_TOPIC);
    audio.release();
    await call.lock?.release();
  })();
  return call.released;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
