// The only module that imports livekit-client. It is loaded with import() on the first hover,
// focus or click of the microphone (see load-voice-session.ts), so the initial script stays small.
import {
  ConnectionError,
  ConnectionErrorReason,
  createLocalAudioTrack,
  DisconnectReason,
  Room,
  RoomEvent,
  setLogLevel,
  Track,
  TrackEvent,
} from 'livekit-client';

import { KrosaiError, toKrosaiError } from '../errors.js';
import { AGENT_STATE_ATTRIBUTE, CHAT_TOPIC, TRANSCRIPTION_TOPIC } from './agent-protocol.js';
import { isAgentParticipant, toAgentState } from './agent-state.js';
import { CallLifecycle } from './call-lifecycle.js';
import type { MicrophoneDriver } from './call-microphone.js';
import { endReasonOf, joinError } from './livekit-reasons.js';
import { DEFAULT_LOG_LEVEL, type KrosaiLogLevel } from './log-level.js';
import { type JoinFailure, type RoomJoinContext, startJoin } from './room-join.js';
import { roomUrlCandidates } from './room-url.js';
import {
  type VoiceCall as Call,
  connectFailure,
  guardStep,
  newVoiceCall,
  openCallMicrophone,
  stopConnecting,
  takeCallLock,
} from './voice-call.js';
import type { VoiceConnectOptions, VoiceSession } from './voice-session.js';

const DEFAULT_AGENT_JOIN_TIMEOUT_MS = 20_000;
const DEFAULT_ROOM_PATH_TIMEOUT_MS = 6_000;
/** How long typed text waits for an agent in the room to say its state (see agentReady). */
const AGENT_READY_TIMEOUT_MS = 5_000;

/** livekit-client's microphone, handed to the helper that publishes it (call-microphone.ts). */
const MICROPHONE: MicrophoneDriver = {
  createTrack: (constraints) => createLocalAudioTrack(constraints),
  source: Track.Source.Microphone,
  restartedEvent: TrackEvent.Restarted,
  mutedEvent: TrackEvent.Muted,
};

export interface LiveKitVoiceSessionOptions {
  /** How long to wait for the agent when `connect()` does not say; default 20 s. */
  agentJoinTimeoutMs?: number;
  /**
   * How long joining through a room URL with a path may take before its origin is tried instead;
   * default 6 s.
   */
  roomPathTimeoutMs?: number;
  /**
   * Makes the Room of each call: for custom RoomOptions (a TURN policy, a log level) and for
   * tests that reach the real Room. Default: a Room with adaptive stream and dynacast off.
   */
  createRoom?: () => Room;
  /** livekit-client's console output, for the whole page (it has one setting); default `warn`. */
  logLevel?: KrosaiLogLevel;
}

/** A voice call with a KrosAI (LiveKit Agents) agent, over livekit-client. */
export class LiveKitVoiceSession extends CallLifecycle implements VoiceSession {
  muted = false;

  private readonly defaultAgentJoinTimeoutMs: number;
  private readonly createRoom: () => Room;
  private readonly joinContext: RoomJoinContext;
  private preparedRoom: Room | undefined;

  constructor(options: LiveKitVoiceSessionOptions = {}) {
    super();
    setLogLevel(options.logLevel ?? DEFAULT_LOG_LEVEL);
    this.defaultAgentJoinTimeoutMs = options.agentJoinTimeoutMs ?? DEFAULT_AGENT_JOIN_TIMEOUT_MS;
    this.createRoom = options.createRoom ?? createDefaultRoom;
    this.joinContext = {
      pathTimeoutMs: options.roomPathTimeoutMs ?? DEFAULT_ROOM_PATH_TIMEOUT_MS,
      classify: classifyJoinFailure,
      replaceRoom: (call) => {
        call.room.removeAllListeners();
        call.room = this.createRoom();
        this.listen(call);
      },
    };
  }

  async prepare(roomUrl?: string): Promise<void> {
    this.preparedRoom ??= this.createRoom();
    if (!roomUrl) return;
    // Best effort: DNS and TLS warm-up only; a failure here must not spoil the call.
    await this.preparedRoom.prepareConnection(roomUrlCandidates(roomUrl)[0]!).catch(() => {});
  }

  async connect(options: VoiceConnectOptions): Promise<void> {
    if (options.signal?.aborted) throw toKrosaiError(options.signal.reason, 'aborted');
    if (this.call) throw new KrosaiError('unknown', 'A call is already in progress.');
    const call = this.startCall(options);
    const onAbort = () => stopConnecting(call, 'hung-up');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (options.lockName) {
        await takeCallLock(call, options.lockName, options.takeOver, () =>
          this.onCallTakenOver(call),
        );
      }
      this.listen(call);
      // Voice calls play the agent; a conversation that joins to type keeps it silent.
      const microphone = options.microphone !== false;
      this.audio.setEnabled(microphone);
      if (microphone) {
        // The microphone and the room come up side by side; the first failure fails the call
        // (a join under way then finishes and leaves, see releaseVoiceCall).
        await guardStep(
          call,
          Promise.all([openCallMicrophone(call), startJoin(call, options, this.joinContext)]),
        );
        await guardStep(call, call.microphone.publish(call.room.localParticipant, this.muted));
      } else {
        await guardStep(call, startJoin(call, options, this.joinContext));
      }
      call.joined = true;
      this.findAgent(call);
      this.refreshCallState(call);
    } catch (error) {
      const failure = connectFailure(call, error);
      // Decided now: a hang-up that comes while tearing down does not turn a failure into an end.
      const stopReason = call.stopReason;
      await this.teardown(call);
      if (stopReason) {
        this.setCallState('ended', stopReason);
      } else {
        // The error first, so a listener that reacts to the state already knows why.
        this.emit({ type: 'error', error: failure });
        this.setCallState('error', failure.reason);
      }
      throw failure;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async disconnect(): Promise<void> {
    const call = this.call;
    if (!call) return;
    // Already ending (a failed connect, a kick): whoever started it reports how it ended.
    if (call.released) return this.teardown(call);
    if (!call.joined) {
      // connect() is still running: it notices, tears down and reports `ended`.
      stopConnecting(call, 'hung-up');
      await this.teardown(call);
      this.setCallState('ended', call.stopReason);
      return;
    }
    await this.endCall(call, 'hung-up');
  }

  async setMuted(muted: boolean): Promise<void> {
    if (muted === this.muted) return;
    const track = this.call?.microphone.openTrack;
    try {
      if (track) await (muted ? track.mute() : track.unmute());
    } catch (error) {
      throw toKrosaiError(error);
    }
    // Before a call, the choice is kept and applied once the microphone is published.
    this.muted = muted;
    this.emit({ type: 'muted', muted });
  }

  async sendText(text: string): Promise<void> {
    const call = this.call;
    if (!call?.joined) throw new KrosaiError('unknown', 'There is no call to send text to.');
    await this.agentReady(AGENT_READY_TIMEOUT_MS);
    if (this.call !== call || call.released) {
      throw new KrosaiError('connection-lost', 'The call ended before the text was sent.');
    }
    // An agent that says typed text back as the visitor's transcript must not show it twice.
    call.transcripts.expectEcho(text);
    try {
      await call.room.localParticipant.sendText(text, { topic: CHAT_TOPIC });
    } catch (error) {
      throw toKrosaiError(error, 'network');
    }
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    const call = this.call;
    if (!call?.joined || call.released) {
      throw new KrosaiError('unknown', 'There is no call to turn the microphone on or off in.');
    }
    const changed = await call.microphone.setEnabled(enabled, call.room.localParticipant, {
      muted: () => this.muted,
      stillWanted: () => this.call === call && !call.released,
    });
    if (changed && this.call === call) this.emit({ type: 'microphone', enabled });
  }

  async setMicrophoneDevice(deviceId: string | undefined): Promise<void> {
    // Before a call the choice travels with connect()'s `microphoneDeviceId`.
    await this.call?.microphone.useDevice(deviceId);
  }

  async setSpeakerEnabled(enabled: boolean): Promise<void> {
    this.audio.setEnabled(enabled);
    const room = this.call?.room;
    if (!enabled || !room) return;
    if (room.canPlaybackAudio && !this.audio.paused) return;
    // The browser held the agent's audio back: unlock it as the audio button would.
    await this.startAudio().catch(() => {
      this.emit({ type: 'audio-blocked', blocked: true });
    });
  }

  async startAudio(): Promise<void> {
    const call = this.call;
    if (!call) return;
    await this.audio.resume(call.room);
    await call.microphone.resumeMeter();
    if (call.room.canPlaybackAudio) this.emit({ type: 'audio-blocked', blocked: false });
  }

  levels(): { input: number; output: number } {
    if (!this.call) return { input: 0, output: 0 };
    return { input: this.call.microphone.level(), output: this.audio.level() };
  }

  agentBands(count: number): number[] {
    return this.call ? this.audio.bands(count) : new Array<number>(count).fill(0);
  }

  private startCall(options: VoiceConnectOptions): Call {
    const room = this.preparedRoom ?? this.createRoom();
    this.preparedRoom = undefined;
    const call = newVoiceCall(
      room,
      {
        agentJoinTimeoutMs: options.agentJoinTimeoutMs ?? this.defaultAgentJoinTimeoutMs,
        microphone: MICROPHONE,
        microphoneDeviceId: options.microphoneDeviceId,
      },
      (update) => {
        if (this.call === call) this.emit({ type: 'transcript', update });
      },
      {
        deviceChanged: (deviceId, fallback) => {
          if (this.call === call) this.emit({ type: 'microphone-device', deviceId, fallback });
        },
        lost: () => void this.onMicrophoneLost(call),
      },
    );
    this.call = call;
    this.setAgentState('unknown');
    this.setCallState('connecting');
    return call;
  }

  /** Registers every room listener; called before connect so no early event is missed. */
  private listen(call: Call): void {
    const { room } = call;
    const live = () => this.call === call && !call.released;
    const reconnecting = () => {
      if (live() && call.joined) this.setCallState('reconnecting');
    };
    room
      .on(RoomEvent.ParticipantConnected, (participant) => {
        if (live() && isAgentParticipant(participant)) this.onAgentJoined(call, participant);
      })
      .on(RoomEvent.ParticipantDisconnected, (participant) => {
        if (live() && participant.identity === call.agentIdentity) this.onAgentLeft(call);
      })
      .on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) => {
        if (!live() || participant.identity === room.localParticipant.identity) return;
        if (participant.identity === call.agentIdentity) {
          this.setAgentState(toAgentState(participant.attributes[AGENT_STATE_ATTRIBUTE]));
        } else if (isAgentParticipant(participant)) {
          this.onAgentJoined(call, participant);
        }
      })
      .on(RoomEvent.TrackSubscribed, (track) => {
        if (live() && track.kind === Track.Kind.Audio) this.audio.play(track);
      })
      .on(RoomEvent.TrackUnsubscribed, (track) => {
        if (track.kind === Track.Kind.Audio) this.audio.stop(track);
      })
      .on(RoomEvent.LocalTrackPublished, (publication) => {
        // A full rejoin publishes the microphone anew, under a new sid.
        if (publication.source === Track.Source.Microphone && publication.trackSid) {
          call.microphone.trackSids.add(publication.trackSid);
        }
      })
      .on(RoomEvent.Reconnecting, reconnecting)
      .on(RoomEvent.SignalReconnecting, reconnecting)
      .on(RoomEvent.Reconnected, () => {
        if (live() && call.joined) this.refreshCallState(call, true);
      })
      .on(RoomEvent.Disconnected, (reason) => {
        // While connecting, connect() reports the failure itself.
        if (!live() || !call.joined) return;
        void this.endCall(
          call,
          endReasonOf(reason === undefined ? undefined : DisconnectReason[reason]),
        );
      })
      .on(RoomEvent.MediaDevicesChanged, () => {
        if (live()) void this.checkMicrophone(call);
      })
      .on(RoomEvent.AudioPlaybackStatusChanged, () => {
        if (live()) this.emit({ type: 'audio-blocked', blocked: !room.canPlaybackAudio });
      })
      .on(RoomEvent.TranscriptionReceived, (segments, participant, publication) => {
        if (live()) call.transcripts.fromLegacyEvent(segments, participant, publication);
      });
    room.registerTextStreamHandler(TRANSCRIPTION_TOPIC, (reader, sender) => {
      if (!live()) return;
      call.transcripts.readStream(reader, sender.identity).catch(() => {
        // A stream cut off by a disconnect: the text so far has been reported already.
      });
    });
  }
}

export function createLiveKitVoiceSession(options?: LiveKitVoiceSessionOptions): VoiceSession {
  return new LiveKitVoiceSession(options);
}

function createDefaultRoom(): Room {
  return new Room({
    adaptiveStream: false,
    dynacast: false,
    disconnectOnPageLeave: true,
  });
}

function classifyJoinFailure(error: unknown): JoinFailure {
  if (!(error instanceof ConnectionError)) {
    return { tokenRejected: false, error: toKrosaiError(error, 'network') };
  }
  if (error.reason === ConnectionErrorReason.NotAllowed) {
    return { tokenRejected: true, status: error.status ?? 401 };
  }
  return { tokenRejected: false, error: joinError(ConnectionErrorReason[error.reason], error) };
}
