import { KrosaiError } from '../errors.js';
import { availableChoice } from '../voice/microphones.js';
import type {
  CallEndReason,
  CallState,
  TranscriptUpdate,
  VoiceConnectOptions,
  VoiceSession,
  VoiceSessionEvent,
  VoiceSessionFactory,
} from '../voice/voice-session.js';
import { CallMachine, type CallMachineChange, type CallMode, isLive } from './call-machine.js';
import { leaveVoiceFloor, takeVoiceFloor, type VoiceHolder } from './voice-floor.js';

/** What the call tells its owner: the machine's moves, and what the remote side said. */
export type CallEvent =
  | CallMachineChange
  | { type: 'transcript'; update: TranscriptUpdate }
  | { type: 'error'; error: KrosaiError }
  /** Muted, audio blocked: nothing to report, only to render. */
  | { type: 'update' };

/**
 * How long a quiet text conversation keeps its room. A visitor reading or thinking keeps it; one
 * who left the tab open does not hold a participant (and the agent's session) for nothing.
 * Rejoining on the next message takes a fresh token and about a second of `connecting`.
 */
export const TEXT_IDLE_MS = 5 * 60_000;

/** The room a call joins, as the conversation session found or created it. */
export type JoinOptions = Omit<VoiceConnectOptions, 'signal'>;

/**
 * This widget's call: the voice session of the moment driven by the call machine. One session
 * per call; the next call loads a fresh one (or the one prepared on hover). Lit-free: its owner
 * (the conversation session) hears every change through `onEvent`.
 */
export class ConversationCall implements VoiceHolder {
  muted = false;
  /** The browser blocked the agent's audio until the visitor clicks. */
  audioBlocked = false;
  /**
   * The visitor's choice for the agent's voice in text (off by default); voice always plays it,
   * and going back from voice to text returns to this choice.
   */
  speakerOn = false;
  /** The mode the call began in: hanging up a voice call that began as text returns to text. */
  startedIn: CallMode = 'voice';
  /**
   * When the voice call first connected (epoch ms), for the call timer; kept while it reconnects,
   * undefined in text and once the call is over.
   */
  voiceSince: number | undefined;
  /** The microphone the visitor picked (undefined: the system's default), used while plugged in. */
  microphoneDeviceId: string | undefined;
  /** The picked microphone went away during this call and the default took over. */
  microphoneFallback = false;
  /** Why this side is ending the call, so the session's own `ended` carries it. */
  private stopReason: CallEndReason | undefined;
  private readonly machine: CallMachine;
  private session: VoiceSession | undefined;
  private unsubscribe: (() => void) | undefined;
  private prepared: Promise<VoiceSession> | undefined;
  private abort: AbortController | undefined;
  private starting: Promise<boolean> | undefined;
  private waiters: Array<(connected: boolean) => void> = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly load: VoiceSessionFactory,
    private readonly onEvent: (event: CallEvent) => void,
    private readonly textIdleMs = TEXT_IDLE_MS,
  ) {
    this.machine = new CallMachine((change) => {
      if (change.type === 'call-state') {
        this.noteVoiceSince(change.state, change.mode);
        this.settleWaiters();
        this.noteActivity();
        if (this.live && change.mode === 'voice') takeVoiceFloor(this);
        else leaveVoiceFloor(this);
      }
      this.onEvent(change);
    });
  }

  get state() {
    return this.machine.state;
  }

  get mode(): CallMode {
    return this.machine.mode;
  }

  get endReason() {
    return this.machine.endReason;
  }

  get agentState() {
    return this.machine.agentState;
  }

  /** A room is held or being joined. */
  get live(): boolean {
    return this.machine.live;
  }

  /** A call is live, or being set up (the page may still veto it). */
  get busy(): boolean {
    return this.live || this.starting !== undefined;
  }

  /** Loads the voice code ahead of a likely call (hover or focus on the microphone). */
  prepare(): void {
    if (this.prepared || this.session) return;
    const prepared = this.load();
    this.prepared = prepared;
    prepared
      .then((session) => session.prepare())
      .catch(() => {
        // A failed warm-up is retried, and reported, by the call itself.
        if (this.prepared === prepared) this.prepared = undefined;
      });
  }

  /**
   * Runs `start` unless a call is live (true) or already starting (its result): a double click
   * or a typed message during the start makes one call.
   */
  startOnce(start: () => Promise<boolean>): Promise<boolean> {
    if (this.live && !this.starting) return Promise.resolve(true);
    if (this.starting) return this.starting;
    const starting = start().finally(() => {
      if (this.starting === starting) this.starting = undefined;
    });
    this.starting = starting;
    return starting;
  }

  /**
   * Joins the room found by `target` (which may create the conversation) in `mode`. Resolves
   * true once joined; rejects with the failure, the machine then in `error`. `signal` is the
   * conversation session's: its end stops the call too.
   */
  async join(
    mode: CallMode,
    signal: AbortSignal,
    target: (signal: AbortSignal) => Promise<JoinOptions>,
  ): Promise<boolean> {
    this.abort = new AbortController();
    const callSignal = AbortSignal.any([signal, this.abort.signal]);
    this.audioBlocked = false;
    this.stopReason = undefined;
    this.startedIn = mode;
    this.speakerOn = false;
    this.microphoneFallback = false;
    this.machine.begin(mode);
    const loading = this.prepared ?? this.load();
    this.prepared = undefined;
    try {
      // The code a call needs first: a chunk that cannot load fails the call before `target`
      // creates a conversation on the server that no call would ever join.
      const session = await loading;
      const options = callSignal.aborted ? undefined : await target(callSignal);
      if (!options || callSignal.aborted) {
        await session.disconnect();
        return false;
      }
      this.attach(session);
      await session.connect({
        ...options,
        microphone: mode === 'voice',
        // A remembered microphone that is unplugged now: the default, not a failed call.
        microphoneDeviceId: await availableChoice(this.microphoneDeviceId),
        signal: callSignal,
      });
      return !callSignal.aborted;
    } catch (error) {
      if (callSignal.aborted) return false;
      this.abort.abort();
      this.detach();
      this.machine.move('error');
      throw error;
    }
  }

  /** Resolves true when the call connects, false when it fails or ends first. */
  whenConnected(): Promise<boolean> {
    if (this.state === 'connected') return Promise.resolve(true);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Gives up every wait (the call was vetoed or could not begin). */
  cancelWaits(): void {
    this.resolveWaiters(false);
  }

  /**
   * Text ⇄ voice in the room: publishes or unpublishes the microphone. Rejects with the
   * microphone's failure, the call staying in text.
   */
  async switchMode(mode: CallMode): Promise<void> {
    const session = this.session;
    if (!session) throw new KrosaiError('unknown', 'There is no call to switch.');
    if (mode === this.mode) return;
    await session.setMicrophoneEnabled(mode === 'voice');
    this.machine.switchMode(mode);
    await session.setSpeakerEnabled(mode === 'voice' || this.speakerOn);
    this.onEvent({ type: 'update' });
  }

  /** The hang-up button: a voice call that began as text goes back to text, any other ends. */
  async hangUp(): Promise<void> {
    if (this.mode === 'voice' && this.startedIn === 'text') {
      const backToText = await this.switchMode('text').then(
        () => true,
        () => false,
      );
      if (backToText) return;
    }
    await this.end();
  }

  /**
   * Uses another microphone: at once in a live call (same room, same publication), and for the
   * calls after. Rejects with the microphone's failure, the call keeping the one it had.
   */
  async setMicrophoneDevice(deviceId: string | undefined): Promise<void> {
    const previous = this.microphoneDeviceId;
    this.microphoneDeviceId = deviceId;
    this.microphoneFallback = false;
    try {
      if (this.live) await this.session?.setMicrophoneDevice?.(deviceId);
    } catch (error) {
      this.microphoneDeviceId = previous;
      throw error;
    } finally {
      this.onEvent({ type: 'update' });
    }
  }

  /** Plays or silences the agent's voice; it stays subscribed either way. */
  async setSpeaker(on: boolean): Promise<void> {
    await this.session?.setSpeakerEnabled(on);
    this.speakerOn = on;
    this.onEvent({ type: 'update' });
  }

  /** Another widget took the microphone: back to text, or hang up if the microphone won't go. */
  yieldVoice(): void {
    void this.switchMode('text').catch(() => this.end('call-elsewhere').catch(() => undefined));
  }

  /** Hangs up; rejects if the session fails to. */
  async end(reason: CallEndReason = 'hung-up'): Promise<void> {
    this.stopReason ??= reason;
    this.abort?.abort();
    // A start hung up on may still be unwinding (its code loading): the next start is a new one.
    this.starting = undefined;
    try {
      await this.session?.disconnect();
    } finally {
      // The session reports `ended` itself; a call still being set up has no session yet.
      this.machine.move('ended', reason);
    }
  }

  /** Lets go of the session once the call is over; the next call gets a new one. */
  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const session = this.session;
    this.session = undefined;
    this.machine.setAgentState('unknown');
    session?.disconnect().catch(() => undefined);
  }

  /**
   * Ends the call for good: its conversation session is closing. A live call says `ended` with
   * `reason` first, before anything is torn down.
   */
  dispose(reason: CallEndReason): void {
    this.machine.move('ended', reason);
    leaveVoiceFloor(this);
    clearTimeout(this.idleTimer);
    this.abort?.abort();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.session?.disconnect().catch(() => undefined);
    this.session = undefined;
    this.resolveWaiters(false);
  }

  /** A failed call goes back to idle: the visitor retried or put the error away. */
  recover(): void {
    if (this.state === 'error') this.machine.move('idle');
  }

  /** Resolves false when there is no call. */
  async setMuted(muted: boolean): Promise<boolean> {
    const session = this.session;
    if (!session) return false;
    await session.setMuted(muted);
    this.muted = session.muted;
    this.onEvent({ type: 'update' });
    return true;
  }

  async startAudio(): Promise<void> {
    await this.session?.startAudio();
    this.audioBlocked = false;
    this.onEvent({ type: 'update' });
  }

  /** Sends typed text through the connected session (voice or text); false when there is none. */
  async sendText(text: string): Promise<boolean> {
    if (!this.session || this.state !== 'connected') return false;
    await this.session.sendText(text);
    this.noteActivity();
    return true;
  }

  levels(): { input: number; output: number } {
    return this.session?.levels() ?? { input: 0, output: 0 };
  }

  /** The agent's voice in `count` bands for the visualiser; its overall level where no bands. */
  agentBands(count: number): number[] {
    const session = this.session;
    if (!session) return new Array<number>(count).fill(0);
    return session.agentBands?.(count) ?? new Array<number>(count).fill(session.levels().output);
  }

  private attach(session: VoiceSession): void {
    this.unsubscribe?.();
    this.session = session;
    this.muted = session.muted;
    this.unsubscribe = session.subscribe((event) => this.input(event));
  }

  /** A voice session event: an input to the machine, or news for the owner. */
  private input(event: VoiceSessionEvent): void {
    switch (event.type) {
      case 'call-state':
        this.machine.move(
          event.state,
          event.state === 'ended'
            ? (this.stopReason ?? (event.reason as CallEndReason))
            : undefined,
        );
        return;
      case 'microphone':
        this.machine.switchMode(event.enabled ? 'voice' : 'text');
        return;
      case 'agent-state':
        this.machine.setAgentState(event.state);
        return;
      case 'muted':
        this.muted = event.muted;
        this.onEvent({ type: 'update' });
        return;
      case 'audio-blocked':
        this.audioBlocked = event.blocked;
        this.onEvent({ type: 'update' });
        return;
      case 'microphone-device':
        // A fallback keeps the visitor's choice for later calls; the picker shows the default.
        if (!event.fallback) this.microphoneDeviceId = event.deviceId;
        this.microphoneFallback = event.fallback;
        this.onEvent({ type: 'update' });
        return;
      case 'transcript':
        this.noteActivity();
        this.onEvent(event);
        return;
      default:
        this.onEvent(event);
    }
  }

  /** The timer starts when a voice call first connects and stops when it leaves voice. */
  private noteVoiceSince(state: CallState, mode: CallMode): void {
    if (!isLive(state) || mode !== 'voice') this.voiceSince = undefined;
    else if (state === 'connected') this.voiceSince ??= Date.now();
  }

  /** A connected text conversation leaves its room after `textIdleMs` without a word. */
  private noteActivity(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.state !== 'connected' || this.mode !== 'text') return;
    this.idleTimer = setTimeout(() => {
      this.end('idle').catch(() => undefined);
    }, this.textIdleMs);
  }

  /** Waits end when the call connects (true) or stops being live (false). */
  private settleWaiters(): void {
    if (this.state === 'connected') this.resolveWaiters(true);
    else if (!this.live) this.resolveWaiters(false);
  }

  private resolveWaiters(connected: boolean): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(connected);
  }
}
