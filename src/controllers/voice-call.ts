import type { ReactiveControllerHost } from 'lit';
import { KrosaiAgentStateEvent, KrosaiCallStateEvent } from '../events.js';
import type {
  AgentState,
  CallEndReason,
  CallState,
  VoiceSession,
  VoiceSessionEvent,
  VoiceSessionFactory,
} from '../voice/voice-session.js';
import { CallWaiters } from './call-waiters.js';

const LIVE: readonly CallState[] = ['connecting', 'waiting-for-agent', 'connected', 'reconnecting'];

/**
 * This tab's voice call: the session, the states the visitor sees (each change a
 * `krosai-call-state` / `krosai-agent-state` event) and the waits on the agent joining. One
 * session per call; the next call loads a fresh one (or the one prepared on hover).
 */
export class VoiceCall {
  state: CallState = 'idle';
  /** Why the call `ended` (undefined in every other state). */
  endReason: CallEndReason | undefined;
  agentState: AgentState = 'unknown';
  muted = false;
  /** The browser blocked the agent's audio until the visitor clicks. */
  audioBlocked = false;

  private session: VoiceSession | undefined;
  private unsubscribe: (() => void) | undefined;
  private prepared: Promise<VoiceSession> | undefined;
  private abort: AbortController | undefined;
  private starting: Promise<boolean> | undefined;
  private readonly waiters = new CallWaiters();

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly load: VoiceSessionFactory,
  ) {}

  get live(): boolean {
    return LIVE.includes(this.state);
  }

  /** A call is live, or being set up (the page may still veto it). */
  get busy(): boolean {
    return this.live || this.starting !== undefined;
  }

  get connected(): boolean {
    return this.state === 'connected';
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
   * Starts a call with `start`, unless one is live (true) or already starting (its result): a
   * double click or a typed message during the start makes one call.
   */
  startOnce(start: () => Promise<boolean>): Promise<boolean> {
    if (this.live && !this.starting) return Promise.resolve(true);
    this.starting ??= start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Starts a call: `connecting`, and a signal that `end()` or the run's end aborts. */
  begin(runSignal: AbortSignal): AbortSignal {
    this.abort = new AbortController();
    this.audioBlocked = false;
    this.setState('connecting');
    return AbortSignal.any([runSignal, this.abort.signal]);
  }

  /** The session for this call: the one prepared on hover, or a fresh one. */
  takeSession(): Promise<VoiceSession> {
    const session = this.prepared ?? this.load();
    this.prepared = undefined;
    // Keep an early failure from going unhandled while the caller awaits something else first.
    session.catch(() => undefined);
    return session;
  }

  /** Listens to the session: states here, everything also to `onEvent`. */
  attach(session: VoiceSession, onEvent: (event: VoiceSessionEvent) => void): void {
    this.unsubscribe?.();
    this.session = session;
    this.muted = session.muted;
    this.unsubscribe = session.subscribe((event) => {
      if (event.type === 'call-state') this.setState(event.state, event.reason);
      else if (event.type === 'agent-state') this.setAgentState(event.state);
      else if (event.type === 'muted') this.muted = event.muted;
      else if (event.type === 'audio-blocked') this.audioBlocked = event.blocked;
      onEvent(event);
      this.host.requestUpdate();
    });
  }

  /** Lets go of the session (hung up or failed); the next call gets a new one. */
  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const session = this.session;
    this.session = undefined;
    this.setAgentState('unknown');
    session?.disconnect().catch(() => undefined);
  }

  /** The call could not start. */
  fail(): void {
    this.abort?.abort();
    this.detach();
    this.setState('error');
  }

  /** A failed call goes back to idle: the visitor retried or put the error away. */
  recover(): void {
    if (this.state === 'error') this.setState('idle');
  }

  /** Ends any call without events: the element is going away or starting over. */
  reset(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.session?.disconnect().catch(() => undefined);
    this.session = undefined;
    this.waiters.settle(false);
    this.state = 'idle';
    this.endReason = undefined;
    this.agentState = 'unknown';
    this.muted = false;
    this.audioBlocked = false;
  }

  /** Hangs up; rejects if the session fails to. */
  async end(): Promise<void> {
    this.abort?.abort();
    try {
      await this.session?.disconnect();
    } finally {
      // The session reports `ended` itself; a call still being set up has no session yet.
      if (this.live) this.setState('ended', 'hung-up');
    }
  }

  /** Resolves false when there is no call. */
  async setMuted(muted: boolean): Promise<boolean> {
    const session = this.session;
    if (!session) return false;
    await session.setMuted(muted);
    this.muted = session.muted;
    this.host.requestUpdate();
    return true;
  }

  async startAudio(): Promise<void> {
    await this.session?.startAudio();
    this.audioBlocked = false;
    this.host.requestUpdate();
  }

  /** Resolves true when the call connects, false when it fails or ends first. */
  whenConnected(): Promise<boolean> {
    return this.connected ? Promise.resolve(true) : this.waiters.next();
  }

  /** Gives up every wait (the call was vetoed or could not begin). */
  cancelWaits(): void {
    this.waiters.settle(false);
  }

  /** The live session, to send text through. */
  get current(): VoiceSession | undefined {
    return this.session;
  }

  levels(): { input: number; output: number } {
    return this.session?.levels() ?? { input: 0, output: 0 };
  }

  /**
   * Moves the call to `state`. `reason`: with `ended`, the session's CallEndReason; otherwise
   * ignored (with `error`, an error event says why).
   */
  private setState(state: CallState, reason?: string): void {
    if (state === this.state) return;
    this.state = state;
    this.endReason = state === 'ended' ? (reason as CallEndReason | undefined) : undefined;
    if (state === 'connected') this.waiters.settle(true);
    else if (!LIVE.includes(state)) this.waiters.settle(false);
    this.host.dispatchEvent(new KrosaiCallStateEvent(state, this.endReason));
    this.host.requestUpdate();
  }

  private setAgentState(state: AgentState): void {
    if (state === this.agentState) return;
    this.agentState = state;
    if (state !== 'unknown') this.host.dispatchEvent(new KrosaiAgentStateEvent(state));
  }
}
