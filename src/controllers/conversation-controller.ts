import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConversationConfig } from '../config/resolve-config.js';
import { canReachServer, configKey } from '../config/resolve-config.js';
import type { StoredConversation, StoredMessage } from '../store/types.js';
import { hangUp, type StartOptions, sendText, startCall } from './call-flow.js';
import type { ConversationContext, ConversationDependencies } from './context.js';
import { ErrorState } from './error-state.js';
import { clearHistory, newConversation, selectConversation } from './history-actions.js';
import { loadRun } from './load-run.js';
import { Run } from './run.js';
import { ShownConversation } from './shown-conversation.js';
import { VoiceCall } from './voice-call.js';

export type { StartOptions } from './call-flow.js';
export type { ConversationDependencies } from './context.js';

/**
 * The conversation lifecycle: shows the stored conversation at once, reconciles it with the
 * server, creates one on first engagement, runs the voice call and streams its transcript into the
 * store. The element renders the public fields; every method resolves (never rejects) and reports
 * failures as `krosai-error` events plus `errors.error` for the UI.
 *
 * This class ties the parts together for each run (one configuration while connected): loading
 * (load-run.ts), store changes (store-changes.ts), the server (server-sync.ts), the call
 * (call-flow.ts) and the history (history-actions.ts).
 */
export class ConversationController implements ReactiveController {
  readonly call: VoiceCall;
  readonly errors: ErrorState;
  private readonly shown: ShownConversation;
  /** The current run and what its parts share; none while disconnected. */
  private context: ConversationContext | undefined;
  private config: ConversationConfig | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deps: ConversationDependencies,
  ) {
    this.call = new VoiceCall(host, () => deps.loadVoiceSession());
    this.errors = new ErrorState(host);
    this.shown = new ShownConversation(host);
    host.addController(this);
  }

  /** True until the stored conversation (if any) is on screen. */
  get loading(): boolean {
    return this.shown.loading;
  }

  get conversation(): StoredConversation | undefined {
    return this.shown.conversation;
  }

  /** The shown conversation's visible messages, oldest first. */
  get messages(): StoredMessage[] {
    return this.shown.messages;
  }

  /** The visitor's conversations with this agent, newest first. */
  get conversations(): StoredConversation[] {
    return this.shown.conversations;
  }

  /** History cannot outlive the page (IndexedDB unavailable). */
  get storageWarning(): boolean {
    return this.shown.storageWarning;
  }

  /** The last few final messages that arrived live, for the `role="log"` region. */
  get announcements(): StoredMessage[] {
    return this.shown.announcements;
  }

  /** Whether a call can be started: an agent and a way to the server are configured. */
  get canEngage(): boolean {
    return Boolean(this.config && canReachServer(this.config));
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

  private restart(): void {
    this.stop();
    const { host, shown, call, errors } = this;
    const run = new Run(this.config!);
    const context = { host, run, shown, call, errors, callLockName: this.deps.callLockName };
    this.context = context;
    errors.clear();
    shown.reset();
    void loadRun(context, this.deps, async () => this.restart());
  }

  private stop(): void {
    const run = this.context?.run;
    this.context = undefined;
    this.call.reset();
    run?.close();
  }

  // ---- the call ----------------------------------------------------------------------------

  /** Loads the voice code ahead of a likely call (the visitor hovers or focuses the microphone). */
  prepare(): void {
    if (this.canEngage) this.call.prepare();
  }

  /** Starts (or joins) the call; resolves true once connecting succeeded. */
  start(options: StartOptions = {}): Promise<boolean> {
    return this.context ? startCall(this.context, options) : Promise.resolve(false);
  }

  /** Hangs up. Resolves when the call is over. */
  end(): Promise<void> {
    return hangUp(this);
  }

  /** Mutes or unmutes the microphone; resolves false when there is no call. */
  async mute(muted: boolean): Promise<boolean> {
    try {
      return await this.call.setMuted(muted);
    } catch (error) {
      this.errors.report(error);
      return false;
    }
  }

  /** Resumes the agent's audio after the browser blocked autoplay (needs a visitor gesture). */
  async startAudio(): Promise<void> {
    try {
      await this.call.startAudio();
    } catch (error) {
      this.errors.report(error);
    }
  }

  /**
   * Sends typed text to the agent. With no call live it starts one first and sends once the agent
   * is there. Resolves true when the text went out.
   */
  send(text: string): Promise<boolean> {
    // Sent as typed, not trimmed: what the visitor wrote is what is kept and shown again.
    if (!text.trim() || !this.context) return Promise.resolve(false);
    return sendText(this.context, text);
  }

  // ---- history -----------------------------------------------------------------------------

  /** Leaves the shown conversation as history; the next engagement creates a new one. */
  async newConversation(): Promise<void> {
    if (this.context) await newConversation(this.context);
  }

  /** Shows an earlier conversation (from the history view) and refreshes it from the server. */
  async selectConversation(id: string): Promise<void> {
    if (this.context) await selectConversation(this.context, id);
  }

  /** Forgets every conversation of this namespace in this browser (the server keeps its copy). */
  async clearHistory(): Promise<void> {
    if (this.context) await clearHistory(this.context);
  }

  // ---- errors ------------------------------------------------------------------------------

  /** Runs the action that failed again. */
  async retry(): Promise<void> {
    const action = this.errors.takeRetry();
    this.call.recover();
    await action?.();
  }

  /** Puts the error away (and a failed call back to idle). */
  dismissError(): void {
    this.errors.clear();
    this.call.recover();
  }
}
