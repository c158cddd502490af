import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  type ConversationConfig,
  type ConversationMode,
  canReachServer,
  configKey,
} from '../config/resolve-config.js';
import { ConsentGate, type ConsentTerms } from '../conversation/consent.js';
import { ConversationSession, type StartOptions } from '../conversation/session.js';
import type { ConversationDependencies, ConversationEvent } from '../conversation/types.js';
import type { KrosaiError } from '../errors.js';
import {
  KrosaiAgentStateEvent,
  KrosaiBeforeStartEvent,
  KrosaiCallStateEvent,
  KrosaiConversationChangedEvent,
  KrosaiConversationCreatedEvent,
  KrosaiErrorEvent,
  KrosaiMessageEvent,
  KrosaiTranscriptEvent,
} from '../events.js';
import type { ConversationStore, StoredConversation, StoredMessage } from '../store/types.js';
import type { ShownCall } from '../templates/call-area.js';
import type { ComposerMode } from '../templates/composer.js';

/** What the element renders of the call, and the meters' levels. */
export interface CallSnapshot extends ShownCall {
  levels(): { input: number; output: number };
  agentBands(count: number): number[];
}

/** The call of a widget that is not connected (or not configured yet). */
const NO_CALL: CallSnapshot = {
  state: 'idle',
  mode: 'voice',
  endReason: undefined,
  agentState: 'unknown',
  muted: false,
  audioBlocked: false,
  speakerOn: false,
  live: false,
  voiceSince: undefined,
  microphoneDeviceId: undefined,
  microphoneFallback: false,
  levels: () => ({ input: 0, output: 0 }),
  agentBands: (count) => new Array<number>(count).fill(0),
};

/**
 * The Lit glue of the conversation core (src/conversation/): one ConversationSession per
 * configuration while the element is connected, its state read by `render()`, and its events
 * turned into `krosai-*` DOM events, here and nowhere else. Every method resolves (never rejects).
 */
export class ConversationController implements ReactiveController {
  /** How conversations start (the element's `mode`). */
  mode: ConversationMode = 'voice-first';
  /** The site's terms to accept before the first call (the element's `consent-*`), if any. */
  consentTerms: ConsentTerms | undefined;
  /** The consent step; `consent.pending` is on show while it waits for the visitor. */
  readonly consent: ConsentGate;
  private session: ConversationSession | undefined;
  private config: ConversationConfig | undefined;
  private connected = false;
  /** Sessions started so far (see listKey). */
  private sessions = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deps: ConversationDependencies,
  ) {
    this.consent = new ConsentGate(
      () => `${this.config?.namespace ?? ''}:${this.config?.agentId ?? ''}`,
      () => host.requestUpdate(),
    );
    host.addController(this);
  }

  get call(): CallSnapshot {
    return this.session?.call ?? NO_CALL;
  }

  /** The failure on show, if any. */
  get error(): KrosaiError | undefined {
    return this.session?.errors.error;
  }

  get canRetry(): boolean {
    return this.session?.errors.canRetry ?? false;
  }

  /** True until the stored conversation (if any) is on screen. */
  get loading(): boolean {
    return this.session?.view.loading ?? true;
  }

  get conversation(): StoredConversation | undefined {
    return this.session?.view.conversation;
  }

  /** The shown conversation's visible messages read so far (the newest pages), oldest first. */
  get messages(): StoredMessage[] {
    return this.session?.view.messages ?? [];
  }

  /**
   * Which list of messages is on show: another conversation, or the same one after the session
   * restarted (the element was moved or re-added), is another list, built anew.
   */
  get listKey(): string {
    return `${this.sessions}:${this.conversation?.id ?? ''}`;
  }

  /** Older messages than `messages` are stored and not read yet. */
  get hasOlder(): boolean {
    return this.session?.view.hasOlder ?? false;
  }

  /** An older page of messages is being read. */
  get loadingOlder(): boolean {
    return this.session?.view.loadingOlder ?? false;
  }

  /** The visitor's conversations with this agent, newest first. */
  get conversations(): StoredConversation[] {
    return this.session?.view.conversations ?? [];
  }

  /** History cannot outlive the page (IndexedDB unavailable). */
  get storageWarning(): boolean {
    return this.session?.view.storageWarning ?? false;
  }

  /** The last few final messages that arrived live, for the `role="log"` region. */
  get announcements(): StoredMessage[] {
    return this.session?.view.announcements ?? [];
  }

  /** The opened history store, or undefined with no session (not connected, or it failed). */
  async store(): Promise<ConversationStore | undefined> {
    return this.session?.openStore().catch(() => undefined);
  }

  /** The session's configuration (namespace, agent, backend), once configured. */
  get configuration(): ConversationConfig | undefined {
    return this.config;
  }

  /** Whether a call can be started: an agent and a way to the server are configured. */
  get canEngage(): boolean {
    return Boolean(this.config && canReachServer(this.config));
  }

  /** What sending typed text does now: send, join in text first, wait for the agent, or nothing. */
  get composerMode(): ComposerMode {
    if (!this.canEngage) return 'unavailable';
    if (this.error?.reason.startsWith('mic-')) return 'voice-unavailable';
    if (this.call.state === 'connected') return 'send';
    return this.call.live ? 'waits' : 'starts-text';
  }

  /** The element's attributes changed; a new agent, backend or store starts over. */
  configure(config: ConversationConfig): void {
    const changed = !this.config || configKey(this.config) !== configKey(config);
    this.config = config;
    if (changed && this.connected) this.restart();
  }

  hostConnected(): void {
    this.connected = true;
    if (this.config) this.restart();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  prepare(): void {
    this.session?.prepare();
  }

  /** Starts voice, or text where the element is `text-only`. */
  start(options: StartOptions = {}): Promise<boolean> {
    const mode = this.mode === 'text-only' ? 'text' : (options.mode ?? 'voice');
    return this.session?.start({ ...options, mode }) ?? Promise.resolve(false);
  }

  /** The call button's hang-up: a voice call that began as text goes back to text. */
  hangUp(): Promise<void> {
    return this.session?.hangUp() ?? Promise.resolve();
  }

  setMicrophoneDevice(deviceId: string | undefined): Promise<void> {
    return this.session?.setMicrophoneDevice(deviceId) ?? Promise.resolve();
  }

  setSpeaker(on: boolean): Promise<void> {
    return this.session?.setSpeaker(on) ?? Promise.resolve();
  }

  end(): Promise<void> {
    return this.session?.end() ?? Promise.resolve();
  }

  mute(muted: boolean): Promise<boolean> {
    return this.session?.mute(muted) ?? Promise.resolve(false);
  }

  startAudio(): Promise<void> {
    return this.session?.startAudio() ?? Promise.resolve();
  }

  send(text: string): Promise<boolean> {
    return this.session?.send(text) ?? Promise.resolve(false);
  }

  /** Reads the page of messages before the oldest one shown. */
  loadOlder(): Promise<void> {
    return this.session?.loadOlder() ?? Promise.resolve();
  }

  /** The visitor is at the end of the list: only the newest page of it needs to stay. */
  keepNewest(): void {
    this.session?.view.keepNewest();
  }

  newConversation(): Promise<void> {
    return this.session?.newConversation() ?? Promise.resolve();
  }

  selectConversation(id: string): Promise<void> {
    return this.session?.selectConversation(id) ?? Promise.resolve();
  }

  clearHistory(): Promise<void> {
    return this.session?.clearHistory() ?? Promise.resolve();
  }

  retry(): Promise<void> {
    return this.session?.retry() ?? Promise.resolve();
  }

  dismissError(): void {
    this.session?.dismissError();
  }

  private restart(): void {
    this.stop();
    this.sessions += 1;
    this.session = new ConversationSession({
      config: this.config!,
      deps: this.deps,
      onEvent: (event) => this.onEvent(event),
      mayStart: (conversation, mode) =>
        this.host.dispatchEvent(new KrosaiBeforeStartEvent(conversation, mode)),
      consent: () => this.consent.ask(this.consentTerms),
      restart: async () => this.restart(),
    });
    this.host.requestUpdate();
  }

  private stop(): void {
    this.consent.cancel();
    this.session?.close();
    this.session = undefined;
  }

  /** The one place where the conversation's news becomes `krosai-*` events. */
  private onEvent(event: ConversationEvent): void {
    const { host } = this;
    switch (event.type) {
      case 'conversation-created':
        host.dispatchEvent(new KrosaiConversationCreatedEvent(event.conversation));
        break;
      case 'conversation-changed':
        host.dispatchEvent(new KrosaiConversationChangedEvent(event.conversation));
        break;
      case 'message':
        host.dispatchEvent(new KrosaiMessageEvent(event.message, event.mode));
        break;
      case 'transcript':
        host.dispatchEvent(new KrosaiTranscriptEvent(event.message, event.mode));
        break;
      case 'call-state':
        host.dispatchEvent(new KrosaiCallStateEvent(event.state, event.reason, event.mode));
        break;
      case 'agent-state':
        if (event.state !== 'unknown') host.dispatchEvent(new KrosaiAgentStateEvent(event.state));
        break;
      case 'error':
        host.dispatchEvent(new KrosaiErrorEvent(event.error));
        break;
    }
    host.requestUpdate();
  }
}
