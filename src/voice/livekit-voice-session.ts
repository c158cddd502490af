// The only module that imports livekit-client. It is loaded with import() on the first hover,
// focus or click of the microphone (see load-voice-session.ts), so the initial script stays small.
import {
  ConnectionError,
  ConnectionErrorReason,
  createLocalAudioTrack,
  DisconnectReason,
  type LocalAudioTrack,
  type Participant,
  ParticipantKind,
  type RemoteTrack,
  Room,
  RoomEvent,
  Track,
} from 'livekit-client';

// The voice helpers take livekit-client's types from here, so this stays the one gateway to it.
export type {
  LocalAudioTrack,
  Participant,
  Room,
  TextStreamReader,
  TrackPublication,
  TranscriptionSegment,
} from 'livekit-client';

import { KrosaiError, toKrosaiError } from '../errors.js';
import { AGENT_STATE_ATTRIBUTE, CHAT_TOPIC, TRANSCRIPTION_TOPIC } from './agent-protocol.js';
import { toAgentState } from './agent-state.js';
import { acquireCallLock } from './call-lock.js';
import { meterFor } from './level-meter.js';
import { classifyMicError } from './mic-errors.js';
import { roomUrlCandidates } from './room-url.js';
import { type VoiceCall as Call, newVoiceCall, releaseVoiceCall } from './voice-call.js';
import type {
  AgentState,
  CallEndReason,
  CallState,
  VoiceConnectOptions,
  VoiceSession,
  VoiceSessionEvent,
} from './voice-session.js';

const DEFAULT_AGENT_JOIN_TIMEOUT_MS = 20_000;
const DEFAULT_ROOM_PATH_TIMEOUT_MS = 6_000;

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
}

/** A voice call with a KrosAI (LiveKit Agents) agent, over livekit-client. */
export class LiveKitVoiceSession implements VoiceSession {
  callState: CallState = 'idle';
  agentState: AgentState = 'unknown';
  muted = false;

  private readonly listeners = new Set<(event: VoiceSessionEvent) => void>();
  /** The agent's voice plays here; the session owns it, the page never has to place it. */
  private readonly audioElement: HTMLAudioElement;
  private readonly defaultAgentJoinTimeoutMs: number;
  private readonly roomPathTimeoutMs: number;
  private readonly createRoom: () => Room;
  private preparedRoom: Room | undefined;
  private call: Call | undefined;
  private callStateReason: string | undefined;

  constructor(options: LiveKitVoiceSessionOptions = {}) {
    this.defaultAgentJoinTimeoutMs = options.agentJoinTimeoutMs ?? DEFAULT_AGENT_JOIN_TIMEOUT_MS;
    this.roomPathTimeoutMs = options.roomPathTimeoutMs ?? DEFAULT_ROOM_PATH_TIMEOUT_MS;
    this.createRoom = options.createRoom ?? createDefaultRoom;
    this.audioElement = document.createElement('audio');
    this.audioElement.autoplay = true;
  }

  subscribe(listener: (event: VoiceSessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
    const onAbort = () => this.stopConnecting(call, 'hung-up');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (options.lockName) await this.takeCallLock(call, options.lockName, options.takeOver);
      this.listen(call);
      // The microphone and the room come up side by side; the first failure fails the call
      // (a join under way then finishes and leaves, see releaseVoiceCall).
      const [micTrack] = await this.guard(
        call,
        Promise.all([this.openMicrophone(call, options), this.trackJoin(call, options)]),
      );
      const publication = await this.guard(
        call,
        call.room.localParticipant.publishTrack(micTrack, { source: Track.Source.Microphone }),
      );
      if (publication.trackSid) call.micTrackSids.add(publication.trackSid);
      if (this.muted) await this.guard(call, micTrack.mute());
      call.inputMeter = meterFor(micTrack.mediaStreamTrack);
      call.joined = true;
      this.findAgent(call);
      this.refreshCallState(call);
    } catch (error) {
      const failure = this.connectFailure(call, error);
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
      this.stopConnecting(call, 'hung-up');
      await this.teardown(call);
      this.setCallState('ended', call.stopReason);
      return;
    }
    await this.endCall(call, 'hung-up');
  }

  async setMuted(muted: boolean): Promise<void> {
    if (muted === this.muted) return;
    const track = this.call?.micTrack;
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
    try {
      await call.room.localParticipant.sendText(text, { topic: CHAT_TOPIC });
    } catch (error) {
      throw toKrosaiError(error, 'network');
    }
  }

  async startAudio(): Promise<void> {
    const call = this.call;
    if (!call) return;
    await call.room.startAudio();
    await this.audioElement.play().catch(() => {});
    await Promise.all([call.inputMeter?.resume(), call.outputMeter?.resume()]);
    if (call.room.canPlaybackAudio) this.emit({ type: 'audio-blocked', blocked: false });
  }

  levels(): { input: number; output: number } {
    return {
      input: this.call?.inputMeter?.level() ?? 0,
      output: this.call?.outputMeter?.level() ?? 0,
    };
  }

  private emit(event: VoiceSessionEvent): void {
    for (const listener of [...this.listeners]) {
      // A listener that unsubscribed during this dispatch hears nothing more.
      if (!this.listeners.has(listener)) continue;
      try {
        listener(event);
      } catch (error) {
        // A faulty listener must not break the call; report it where developers look.
        console.error(error);
      }
    }
  }

  private setCallState(state: CallState, reason?: string): void {
    if (state === this.callState && reason === this.callStateReason) return;
    this.callStateReason = reason;
    this.callState = state;
    this.emit(
      reason === undefined ? { type: 'call-state', state } : { type: 'call-state', state, reason },
    );
  }

  private setAgentState(state: AgentState): void {
    if (state === this.agentState) return;
    this.agentState = state;
    this.emit({ type: 'agent-state', state });
  }

  private startCall(options: VoiceConnectOptions): Call {
    const room = this.preparedRoom ?? this.createRoom();
    this.preparedRoom = undefined;
    const timeout = options.agentJoinTimeoutMs ?? this.defaultAgentJoinTimeoutMs;
    const call = newVoiceCall(room, timeout, (update) => {
      if (this.call === call) this.emit({ type: 'transcript', update });
    });
    this.call = call;
    this.setAgentState('unknown');
    this.setCallState('connecting');
    return call;
  }

  private async takeCallLock(call: Call, name: string, takeOver = false): Promise<void> {
    // Not cut short by guard(): a lock granted after a hang-up must still be let go.
    const lock = await acquireCallLock(name, {
      takeOver,
      onLost: () => this.onCallTakenOver(call),
    });
    call.lock = lock;
    if (call.released) await lock.release();
    if (call.abort.signal.aborted) throw call.abort.signal.reason;
  }

  /** Awaits a step of connect(), but gives up at once when the call is stopped. */
  private guard<T>(call: Call, step: Promise<T>): Promise<T> {
    return Promise.race([step, call.aborted]);
  }

  /** Stops connect() at its next step; connect() itself then tears the call down. */
  private stopConnecting(call: Call, reason: CallEndReason): void {
    call.stopReason ??= reason;
    call.abort.abort(new KrosaiError('aborted', 'The call was stopped while connecting.'));
  }

  private trackJoin(call: Call, options: VoiceConnectOptions): Promise<void> {
    const join = this.joinRoom(call, options);
    call.joining = join.catch(() => {});
    return join;
  }

  private connectFailure(call: Call, error: unknown): KrosaiError {
    if (call.stopReason === 'call-elsewhere') {
      return new KrosaiError('call-elsewhere', 'The call was taken over in another tab.');
    }
    if (call.stopReason)
      return new KrosaiError('aborted', 'The call was hung up while connecting.');
    return toKrosaiError(error);
  }

  private async openMicrophone(call: Call, options: VoiceConnectOptions): Promise<LocalAudioTrack> {
    let track: LocalAudioTrack;
    try {
      track = await createLocalAudioTrack({
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
        // An exact id: a device that is gone must fail, not fall back to another microphone.
        ...(options.microphoneDeviceId ? { deviceId: { exact: options.microphoneDeviceId } } : {}),
      });
    } catch (error) {
      throw classifyMicError(error);
    }
    if (call.released || call.abort.signal.aborted) {
      track.stop();
      throw new KrosaiError('aborted', 'The call was stopped while the microphone started.');
    }
    call.micTrack = track;
    return track;
  }

  /**
   * Joins with the URL as given and then its origin; a rejected token is refreshed once through
   * `refreshToken`, after which a rejection is `token-expired`.
   */
  private async joinRoom(call: Call, options: VoiceConnectOptions): Promise<void> {
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
          }, this.roomPathTimeoutMs)
        : undefined;
      try {
        await call.room.connect(urls[urlIndex]!, token, { autoSubscribe: true });
        return;
      } catch (error) {
        if (call.abort.signal.aborted) throw error;
        if (gaveUp) {
          // The abandoned room's engine is left half-closed: the next URL gets a fresh room.
          call.room.removeAllListeners();
          call.room = this.createRoom();
          this.listen(call);
          urlIndex += 1;
          continue;
        }
        if (isTokenRejected(error)) {
          if (refreshed || !options.refreshToken) {
            throw new KrosaiError('token-expired', 'The voice token was rejected.', {
              cause: error,
              status: error.status,
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
        throw connectionErrorToKrosai(error);
      } finally {
        clearTimeout(limit);
      }
    }
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
        if (live() && isAgent(participant)) this.onAgentJoined(call, participant);
      })
      .on(RoomEvent.ParticipantDisconnected, (participant) => {
        if (live() && participant.identity === call.agentIdentity) this.onAgentLeft(call);
      })
      .on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) => {
        if (!live() || participant.identity === room.localParticipant.identity) return;
        if (participant.identity === call.agentIdentity) {
          this.setAgentState(toAgentState(participant.attributes[AGENT_STATE_ATTRIBUTE]));
        } else if (isAgent(participant)) {
          this.onAgentJoined(call, participant);
        }
      })
      .on(RoomEvent.TrackSubscribed, (track) => {
        if (live()) this.playRemoteAudio(call, track);
      })
      .on(RoomEvent.TrackUnsubscribed, (track) => {
        if (track.kind !== Track.Kind.Audio) return;
        track.detach(this.audioElement);
        call.outputMeter?.close();
        call.outputMeter = undefined;
      })
      .on(RoomEvent.LocalTrackPublished, (publication) => {
        if (publication.source === Track.Source.Microphone && publication.trackSid) {
          call.micTrackSids.add(publication.trackSid);
        }
      })
      .on(RoomEvent.Reconnecting, reconnecting)
      .on(RoomEvent.SignalReconnecting, reconnecting)
      .on(RoomEvent.Reconnected, () => {
        if (live() && call.joined) this.refreshCallState(call, true);
      })
      .on(RoomEvent.Disconnected, (reason) => {
        // While connecting, connect() reports the failure itself.
        if (live() && call.joined) void this.endCall(call, endReasonOf(reason));
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

  private playRemoteAudio(call: Call, track: RemoteTrack): void {
    if (track.kind !== Track.Kind.Audio) return;
    track.attach(this.audioElement);
    call.outputMeter?.close();
    call.outputMeter = meterFor(track.mediaStreamTrack);
  }

  private findAgent(call: Call): void {
    for (const participant of call.room.remoteParticipants.values()) {
      if (isAgent(participant)) {
        this.onAgentJoined(call, participant);
        return;
      }
    }
  }

  private onAgentJoined(call: Call, agent: Participant): void {
    call.agentIdentity = agent.identity;
    this.setAgentState(toAgentState(agent.attributes[AGENT_STATE_ATTRIBUTE]));
    if (call.joined) this.refreshCallState(call);
  }

  private onAgentLeft(call: Call): void {
    call.agentIdentity = undefined;
    this.setAgentState('unknown');
    this.refreshCallState(call);
  }

  /**
   * `connected` with an agent, `waiting-for-agent` (and its timer) without. While reconnecting,
   * participants come and go as the room is rebuilt: only `Reconnected` settles the state.
   */
  private refreshCallState(call: Call, reconnected = false): void {
    if (!call.joined) return;
    if (this.callState === 'reconnecting' && !reconnected) return;
    if (call.agentIdentity) {
      clearTimeout(call.agentTimer);
      call.agentTimer = undefined;
      this.setCallState('connected');
      return;
    }
    this.setCallState('waiting-for-agent');
    call.agentTimer ??= setTimeout(() => {
      call.agentTimer = undefined;
      if (this.call !== call || call.agentIdentity) return;
      const error = new KrosaiError('agent-unavailable', 'The agent did not join the call.');
      void this.endCall(call, undefined, error);
    }, call.agentJoinTimeoutMs);
  }

  private onCallTakenOver(call: Call): void {
    if (this.call !== call) return;
    if (call.joined) void this.endCall(call, 'call-elsewhere');
    else this.stopConnecting(call, 'call-elsewhere');
  }

  /** Ends a call that was up: `ended` with a reason, or `error` with the error that ended it. */
  private async endCall(call: Call, reason?: CallEndReason, error?: KrosaiError): Promise<void> {
    if (call.released) return this.teardown(call);
    await this.teardown(call);
    if (error) {
      this.emit({ type: 'error', error });
      this.setCallState('error', error.reason);
    } else {
      const ended = reason ?? 'connection-lost';
      // A call the network took is a failure the visitor is told about (and may retry); a
      // hang-up, a kick or a take-over is not.
      if (ended === 'connection-lost') {
        const lost = new KrosaiError('connection-lost', 'The call dropped and could not resume.');
        this.emit({ type: 'error', error: lost });
      }
      this.setCallState('ended', ended);
    }
  }

  /** Releases everything the call holds. Idempotent; never rejects. */
  private async teardown(call: Call): Promise<void> {
    await releaseVoiceCall(call, this.audioElement);
    if (this.call === call) this.call = undefined;
    this.setAgentState('unknown');
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

function isAgent(participant: Participant): boolean {
  return (
    participant.kind === ParticipantKind.AGENT ||
    participant.isAgent ||
    // Older agent frameworks mark themselves only by publishing their state.
    participant.attributes[AGENT_STATE_ATTRIBUTE] !== undefined
  );
}

function isTokenRejected(error: unknown): error is ConnectionError & { status: number } {
  return error instanceof ConnectionError && error.reason === ConnectionErrorReason.NotAllowed;
}

function connectionErrorToKrosai(error: unknown): KrosaiError {
  if (!(error instanceof ConnectionError)) return toKrosaiError(error, 'network');
  switch (error.reason) {
    case ConnectionErrorReason.Cancelled:
      return new KrosaiError('aborted', 'Joining the call was cancelled.', { cause: error });
    case ConnectionErrorReason.Timeout:
      return new KrosaiError('timeout', 'Joining the call timed out.', { cause: error });
    default:
      return new KrosaiError('network', 'Could not reach the voice server.', { cause: error });
  }
}

function endReasonOf(reason: DisconnectReason | undefined): CallEndReason {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return 'hung-up';
    case DisconnectReason.PARTICIPANT_REMOVED:
      return 'kicked';
    case DisconnectReason.DUPLICATE_IDENTITY:
      return 'call-elsewhere';
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
    case DisconnectReason.SERVER_SHUTDOWN:
      return 'room-closed';
    default:
      return 'connection-lost';
  }
}
