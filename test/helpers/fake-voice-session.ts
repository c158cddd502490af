import { KrosaiError, type KrosaiErrorReason } from '../../src/errors.js';
import type {
  AgentState,
  CallState,
  TranscriptUpdate,
  VoiceConnectOptions,
  VoiceSession,
  VoiceSessionEvent,
  VoiceSessionFactory,
} from '../../src/voice/voice-session.js';

export interface FakeVoiceOptions {
  /** Fail `connect()` with this reason, as the LiveKit session would (error event, then state). */
  failWith?: KrosaiErrorReason;
  /** Let the agent join by itself once the room is joined (default true). */
  agentJoins?: boolean;
  /**
   * The microphone fails with this reason (denied, missing, busy): a voice connect fails as the
   * LiveKit session would, `setMicrophoneEnabled(true)` rejects and the room stays joined.
   */
  micError?: KrosaiErrorReason;
}

/**
 * A VoiceSession that behaves like the LiveKit one as seen from outside (states in the same
 * order, events before promises settle, disconnect safe at any time) and records what the
 * element asked of it. Tests drive the remote side: transcripts, agent state, a dropped call.
 */
export class FakeVoiceSession implements VoiceSession {
  callState: CallState = 'idle';
  agentState: AgentState = 'unknown';
  muted = false;
  /** The microphone is published in the room. */
  microphoneEnabled = false;
  /** The agent's audio plays. */
  speakerEnabled = true;
  /** How often the microphone was asked for (each a permission prompt in a browser). */
  microphoneRequests = 0;
  readonly sentTexts: string[] = [];
  readonly connectOptions: VoiceConnectOptions[] = [];
  disconnectCount = 0;
  prepareCount = 0;
  startAudioCount = 0;
  /** Every microphone the element switched to during the call (undefined: the default). */
  readonly deviceSwitches: Array<string | undefined> = [];
  currentLevels = { input: 0.4, output: 0.7 };
  private readonly listeners = new Set<(event: VoiceSessionEvent) => void>();

  constructor(private readonly options: FakeVoiceOptions = {}) {}

  async prepare(): Promise<void> {
    this.prepareCount += 1;
  }

  async connect(options: VoiceConnectOptions): Promise<void> {
    this.connectOptions.push(options);
    this.setCallState('connecting');
    await Promise.resolve();
    if (options.signal?.aborted) {
      this.setCallState('ended', 'hung-up');
      throw new KrosaiError('aborted', 'Connect was aborted.');
    }
    const microphone = options.microphone !== false;
    if (microphone) this.microphoneRequests += 1;
    const failure = this.options.failWith ?? (microphone ? this.options.micError : undefined);
    if (failure) {
      const error = new KrosaiError(failure, `Fake failure: ${failure}`);
      this.emit({ type: 'error', error });
      this.setCallState('error');
      throw error;
    }
    this.microphoneEnabled = microphone;
    this.speakerEnabled = microphone;
    this.setCallState('waiting-for-agent');
    if (this.options.agentJoins ?? true) setTimeout(() => this.agentJoin(), 0);
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    if (!['waiting-for-agent', 'connected', 'reconnecting'].includes(this.callState)) {
      throw new KrosaiError('unknown', 'Not in a room.');
    }
    if (enabled === this.microphoneEnabled) return;
    if (enabled) {
      this.microphoneRequests += 1;
      const reason = this.options.micError;
      if (reason) throw new KrosaiError(reason, `Fake microphone failure: ${reason}`);
    }
    this.microphoneEnabled = enabled;
    this.emit({ type: 'microphone', enabled });
  }

  async setMicrophoneDevice(deviceId: string | undefined): Promise<void> {
    this.deviceSwitches.push(deviceId);
    this.emit({ type: 'microphone-device', deviceId, fallback: false });
  }

  async setSpeakerEnabled(enabled: boolean): Promise<void> {
    this.speakerEnabled = enabled;
  }

  /** The agent joins the room and starts listening. */
  agentJoin(): void {
    if (this.callState !== 'waiting-for-agent') return;
    this.setCallState('connected');
    this.setAgentState('listening');
  }

  async disconnect(): Promise<void> {
    this.disconnectCount += 1;
    if (this.callState === 'idle' || this.callState === 'ended' || this.callState === 'error')
      return;
    this.setCallState('ended', 'hung-up');
  }

  async setMuted(muted: boolean): Promise<void> {
    this.muted = muted;
    this.emit({ type: 'muted', muted });
  }

  async sendText(text: string): Promise<void> {
    if (this.callState !== 'connected') {
      throw new KrosaiError('connection-lost', 'Not connected.');
    }
    this.sentTexts.push(text);
  }

  async startAudio(): Promise<void> {
    this.startAudioCount += 1;
    this.emit({ type: 'audio-blocked', blocked: false });
  }

  levels() {
    return this.currentLevels;
  }

  subscribe(listener: (event: VoiceSessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- the remote side, driven by tests -------------------------------------------------------

  transcript(update: Partial<TranscriptUpdate> & { segmentId: string; text: string }): void {
    this.emit({
      type: 'transcript',
      update: { role: 'assistant', final: true, timestamp: Date.now(), ...update },
    });
  }

  setAgentState(state: AgentState): void {
    this.agentState = state;
    this.emit({ type: 'agent-state', state });
  }

  /** The picked microphone is unplugged; the default takes over, as LiveKit's session reports it. */
  unplugMicrophone(): void {
    this.emit({ type: 'microphone-device', deviceId: undefined, fallback: true });
  }

  blockAudio(): void {
    this.emit({ type: 'audio-blocked', blocked: true });
  }

  /** The server ends the call: the visitor was removed, or the room closed. */
  endFromServer(reason: 'kicked' | 'room-closed'): void {
    this.setCallState('ended', reason);
  }

  /** The agent leaves the room: the call waits for it again. */
  agentLeave(): void {
    if (this.callState !== 'connected') return;
    this.setAgentState('unknown');
    this.setCallState('waiting-for-agent');
  }

  /** The connection drops and LiveKit tries to resume it. */
  loseConnection(): void {
    this.setCallState('reconnecting');
  }

  /** The connection came back: with the agent still in the room. */
  resumeConnection(): void {
    if (this.callState === 'reconnecting') this.setCallState('connected');
  }

  /** The connection drops for good, as after failed reconnection. */
  dropCall(): void {
    const error = new KrosaiError('connection-lost', 'The fake call dropped.');
    this.emit({ type: 'error', error });
    this.setCallState('ended', 'connection-lost');
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private setCallState(state: CallState, reason?: string): void {
    this.callState = state;
    this.emit({ type: 'call-state', state, reason });
  }

  private emit(event: VoiceSessionEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** A factory for the element's `voiceSessionFactory`, keeping every session it made. */
export function fakeVoice(options: FakeVoiceOptions = {}) {
  const sessions: FakeVoiceSession[] = [];
  const factory: VoiceSessionFactory = async () => {
    const session = new FakeVoiceSession(options);
    sessions.push(session);
    return session;
  };
  return {
    factory,
    sessions,
    /** The session of the latest call. */
    get last(): FakeVoiceSession {
      const session = sessions.at(-1);
      if (!session) throw new Error('No voice session was created yet.');
      return session;
    },
  };
}
