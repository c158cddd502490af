import type { LocalAudioTrack, Room } from 'livekit-client';
import type { CallLock } from './call-lock.js';
import type { LevelMeter } from './level-meter.js';
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
  /** In the room with the microphone published: connect() is done. */
  joined: boolean;
  lock?: CallLock;
  micTrack?: LocalAudioTrack;
  /** Every sid the microphone had in this call: a full rejoin publishes it anew. */
  readonly micTrackSids: Set<string>;
  agentIdentity?: string;
  agentTimer?: ReturnType<typeof setTimeout>;
  readonly agentJoinTimeoutMs: number;
  inputMeter?: LevelMeter;
  outputMeter?: LevelMeter;
  readonly transcripts: LiveTranscripts;
  /** Settles when the room join that connect() started is over, either way. */
  joining?: Promise<void>;
  /** Set once release starts; a call being released ignores every room event. */
  released?: Promise<void>;
}

export function newVoiceCall(
  room: Room,
  agentJoinTimeoutMs: number,
  publishTranscript: (update: TranscriptUpdate) => void,
): VoiceCall {
  const abort = new AbortController();
  const aborted = new Promise<never>((_, reject) => {
    abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true });
  });
  aborted.catch(() => {});
  const micTrackSids = new Set<string>();
  const call: VoiceCall = {
    room,
    abort,
    aborted,
    joined: false,
    micTrackSids,
    agentJoinTimeoutMs,
    transcripts: new LiveTranscripts(
      { identity: () => call.room.localParticipant.identity, microphoneTrackSids: micTrackSids },
      publishTranscript,
    ),
  };
  return call;
}

/**
 * Stops every track, leaves the room and lets go of the call lock. Idempotent; never rejects.
 * `audioElement` is the session's player, emptied here.
 */
export function releaseVoiceCall(call: VoiceCall, audioElement: HTMLAudioElement): Promise<void> {
  call.released ??= (async () => {
    clearTimeout(call.agentTimer);
    call.inputMeter?.close();
    call.outputMeter?.close();
    // Stopping the tracks ourselves covers a microphone that was never published.
    call.micTrack?.stop();
    for (const publication of call.room.localParticipant.trackPublications.values()) {
      publication.track?.stop();
    }
    // A join cut off half-way leaves the server holding a participant it keeps for a resume;
    // a join let finish can leave properly. Only a join that hangs is cut off.
    if (call.joining) await Promise.race([call.joining, delay(JOIN_SETTLE_MS)]);
    await call.room.disconnect(true).catch(() => {});
    call.room.removeAllListeners();
    audioElement.pause();
    audioElement.srcObject = null;
    await call.lock?.release();
  })();
  return call.released;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
