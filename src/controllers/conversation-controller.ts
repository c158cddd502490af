import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KrosaiApi } from '../api/types.js';
import type { ConversationConfig } from '../config/resolve-config.js';
import { canReachServer, configKey } from '../config/resolve-config.js';
import { KrosaiError, toKrosaiError } from '../errors.js';
import {
  KrosaiBeforeStartEvent,
  KrosaiConversationChangedEvent,
  KrosaiConversationCreatedEvent,
  KrosaiErrorEvent,
  KrosaiMessageEvent,
  KrosaiTranscriptEvent,
} from '../events.js';
import type {
  ConversationStore,
  StoreChange,
  StoredConversation,
  StoredMessage,
} from '../store/types.js';
import type {
  TranscriptUpdate,
  VoiceSessionEvent,
  VoiceSessionFactory,
} from '../voice/voice-session.js';
import { ErrorState } from './error-state.js';
import { isVisible, localMessageId, patchMessages, upsertMessage } from './messages.js';
import { type CallTarget, createConversation, saveStatus } from './remote.js';
import { Run, refOf } from './run.js';
import { VoiceCall } from './voice-call.js';

/** How the controller reaches the outside world; the element passes the real ones, tests too. */
export interface ConversationDependencies {
  createApi(config: ConversationConfig): KrosaiApi;
  openStore(
    config: ConversationConfig,
    onWarning: (error: KrosaiError) => void,
  ): Promise<ConversationStore>;
  loadVoiceSession: VoiceSessionFactory;
  /** The Web Lock that keeps one call per conversation across tabs, when available. */
  callLockName?(conversationId: string): string;
}

export interface StartOptions {
  /** Take the call over from another tab of this site that holds it. */
  takeOver?: boolean;
}

/** Every message the store keeps for a conversation (its retention limit). */
const MESSAGE_LIMIT = 10_000;
/** How many recent final messages the screen-reader log keeps. */
const ANNOUNCE_LIMIT = 5;

/**
 * The conversation lifecycle: shows the stored conversation at once, reconciles it with the
 * server, creates one on first engagement, runs the voice call and streams its transcript into the
 * store. The element renders the public fields; every method resolves (never rejects) and reports
 * failures as `krosai-error` events plus `errors.error` for the UI.
 */
export class ConversationController implements ReactiveController {
  /** True until the stored conversation (if any) is on screen. */
  loading = true;
  conversation: StoredConversation | undefined;
  /** The shown conversation's visible messages, oldest first. */
  messages: StoredMessage[] = [];
  /** The visitor's conversations with this agent, newest first. */
  conversations: StoredConversation[] = [];
  /** History cannot outlive the page (IndexedDB unavailable). */
  storageWarning = false;
  /** The last few final messages that arrived live, for the `role="log"` region. */
  announcements: StoredMessage[] = [];
  readonly call: VoiceCall;
  readonly errors: ErrorState;

  private run: Run | undefined;
  private config: ConversationConfig | undefined;
  private connected = false;
  private starting: Promise<boolean> | undefined;
  /** When this widget last chose what to show (new, picked, cleared): older echoes are ignored. */
  private lastChoiceAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deps: ConversationDependencies,
  ) {
    this.call = new VoiceCall(host, () => deps.loadVoiceSession());
    this.errors = new ErrorState(host);
    host.addController(this);
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

  /** Whether a call can be started: an agent and a way to the server are configured. */
  get canEngage(): boolean {
    return Boolean(this.config && canReachServer(this.config));
  }

  // ---- lifecycle -------------------------------------------------------------------------

  private restart(): void {
    this.stop();
    const run = new Run(this.config!);
    this.run = run;
    this.loading = true;
    this.errors.clear();
    this.storageWarning = false;
    this.showConversation(undefined);
    this.conversations = [];
    void this.load(run);
  }

  private stop(): void {
    const run = this.run;
    this.run = undefined;
    this.call.reset();
    if (!run) return;
    run.abort.abort();
    run.markShown();
    run.unsubscribe?.();
    // Write what is batched before letting go of the database.
    void run.store
      ?.then(async (store) => {
        await store.flush().catch(() => undefined);
        store.close();
      })
      .catch(() => undefined);
  }

  private async load(run: Run): Promise<void> {
    try {
      const { config } = run;
      if (canReachServer(config)) run.api = this.deps.createApi(config);
      run.store = this.deps.openStore(config, (warning) => this.onStoreWarning(run, warning));
      const store = await run.store;
      if (this.isStale(run)) return;
      run.unsubscribe = store.subscribe((change) => this.onStoreChange(run, change));
      const current = config.agentId
        ? await store.currentConversation(config.namespace, config.agentId)
        : undefined;
      if (this.isStale(run)) return;
      this.showConversation(current);
      await this.loadMessages(run);
      this.loading = false;
      run.markShown();
      this.host.requestUpdate();
      await this.refreshHistory(run);
      if (current) await this.syncFromServer(run, current);
    } catch (error) {
      run.markShown();
      if (this.isStale(run)) return;
      this.loading = false;
      this.errors.report(error, async () => this.restart());
    }
  }

  private isStale(run: Run): boolean {
    return run !== this.run || run.signal.aborted;
  }

  /** Shows a conversation this widget chose (not one followed from elsewhere). */
  private chooseConversation(conversation: StoredConversation | undefined): void {
    this.lastChoiceAt = Date.now();
    this.showConversation(conversation);
  }

  private showConversation(conversation: StoredConversation | undefined): void {
    this.conversation = conversation;
    this.messages = [];
    this.announcements = [];
    this.host.requestUpdate();
  }

  private async loadMessages(run: Run): Promise<void> {
    const conversation = this.conversation;
    if (!conversation || !run.store) return;
    const store = await run.store;
    const page = await store.messages(conversation.id, { limit: MESSAGE_LIMIT });
    if (this.isStale(run) || this.conversation?.id !== conversation.id) return;
    this.messages = page.messages.filter(isVisible);
    this.host.requestUpdate();
  }

  private async refreshHistory(run: Run): Promise<void> {
    const store = await run.store;
    if (!store) return;
    const all = await store.listConversations(run.config.namespace);
    if (this.isStale(run)) return;
    this.conversations = all.filter((c) => c.agentId === run.config.agentId);
    this.host.requestUpdate();
  }

  /** Records the server's status of a conversation, and shows it if that one is on screen. */
  private async saveStatus(run: Run, local: StoredConversation, status: string, title?: string) {
    const store = await run.store;
    const saved =
      store && !this.isStale(run) ? await saveStatus(store, local, status, title) : undefined;
    if (saved && !this.isStale(run) && this.conversation?.id === saved.id) {
      this.conversation = saved;
      this.host.requestUpdate();
    }
    return saved;
  }

  /** Asks the server for the conversation's status and transcript, which are authoritative. */
  private async syncFromServer(run: Run, conversation: StoredConversation): Promise<void> {
    const { api } = run;
    const store = await run.store;
    if (!api || !store) return;
    const options = { signal: run.signal };
    try {
      const remote = await api.getConversation(refOf(conversation), options);
      const title = remote.title || conversation.title;
      if (!(await this.saveStatus(run, conversation, remote.status, title))) return;
      const serverMessages = await api.getMessages(refOf(conversation), options);
      if (this.isStale(run)) return;
      await store.reconcile(conversation.id, serverMessages);
      if (this.conversation?.id === conversation.id && !this.call.live) {
        await this.loadMessages(run);
      }
    } catch (error) {
      if (this.isStale(run)) return;
      const reason = toKrosaiError(error).reason;
      // The server forgot it or will not show it: keep it readable, start afresh next time.
      if (reason === 'not-found' || reason === 'forbidden') {
        await this.saveStatus(run, conversation, 'unavailable');
        return;
      }
      this.errors.report(error, () => this.syncFromServer(run, conversation));
    }
  }

  // ---- store changes (this tab's and other tabs') ----------------------------------------

  private onStoreWarning(run: Run, warning: KrosaiError): void {
    if (this.isStale(run)) return;
    if (warning.reason === 'storage-unavailable') this.storageWarning = true;
    this.host.dispatchEvent(new KrosaiErrorEvent(warning));
    this.host.requestUpdate();
  }

  private onStoreChange(run: Run, change: StoreChange): void {
    if (this.isStale(run)) return;
    const shown = this.conversation?.id;
    switch (change.type) {
      case 'messages':
        if (change.conversationId !== shown) return;
        if (change.messages || change.removedIds) {
          this.messages = patchMessages(this.messages, change.messages ?? [], change.removedIds);
          this.host.requestUpdate();
        } else if (!this.call.live) {
          void this.loadMessages(run);
        }
        return;
      case 'conversation':
        if (change.conversationId === shown && change.conversation) {
          this.conversation = change.conversation;
        } else {
          void this.followOtherTab(run, change.conversation);
        }
        void this.refreshHistory(run);
        return;
      case 'deleted':
        if (change.conversationId === shown) this.showConversation(undefined);
        void this.refreshHistory(run);
        return;
      case 'cleared':
        if (change.namespace === null || change.namespace === run.config.namespace) {
          this.showConversation(undefined);
          this.conversations = [];
        }
    }
  }

  /**
   * Another tab (or widget) made a different conversation current: show it here too, unless a
   * call is live here or the change predates this widget's own latest choice (a late echo of a
   * write it has since overridden, such as a status saved just before "new conversation").
   */
  private async followOtherTab(run: Run, changed: StoredConversation | undefined): Promise<void> {
    if (this.call.live || this.starting) return;
    const { namespace, agentId } = run.config;
    let current = changed;
    if (!current) {
      const store = await run.store;
      current = await store?.currentConversation(namespace, agentId);
    }
    if (
      !current?.current ||
      current.namespace !== namespace ||
      current.agentId !== agentId ||
      current.updatedAt <= this.lastChoiceAt ||
      current.id === this.conversation?.id ||
      this.isStale(run) ||
      this.call.live
    ) {
      return;
    }
    this.showConversation(current);
    this.host.dispatchEvent(new KrosaiConversationChangedEvent(current));
    await this.loadMessages(run);
  }

  // ---- the call ----------------------------------------------------------------------------

  /** Loads the voice code ahead of a likely call (the visitor hovers or focuses the microphone). */
  prepare(): void {
    if (this.canEngage) this.call.prepare();
  }

  /** Starts (or joins) the call; resolves true once connecting succeeded. */
  start(options: StartOptions = {}): Promise<boolean> {
    if (this.call.live && !this.starting) return Promise.resolve(true);
    this.starting ??= this.startCall(options).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startCall(options: StartOptions): Promise<boolean> {
    const run = this.run;
    if (!run) return false;
    // A call started during page load continues the stored conversation, not a new one.
    await run.shown;
    if (this.isStale(run)) return false;
    const before = new KrosaiBeforeStartEvent(this.activeConversation() ?? null);
    this.host.dispatchEvent(before);
    if (before.defaultPrevented) {
      this.call.cancelWaits();
      return false;
    }
    this.errors.clear();
    const signal = this.call.begin(run.signal);
    try {
      const api = run.api;
      if (!api || !run.config.agentId) {
        throw new KrosaiError(
          'config',
          'Set agent-id and session-url (or api-key in development).',
        );
      }
      const session = this.call.takeSession();
      const { conversation, roomUrl, token } = await this.callTarget(run, api, signal);
      const voice = await session;
      if (signal.aborted) {
        await voice.disconnect();
        return false;
      }
      this.call.attach(voice, (event) => this.onVoiceEvent(run, conversation, event));
      await voice.connect({
        roomUrl,
        token,
        signal,
        lockName: this.deps.callLockName?.(conversation.id),
        takeOver: options.takeOver,
        refreshToken: async () => {
          const fresh = await api.getConversation(refOf(conversation), { signal });
          if (!fresh.token) throw new KrosaiError('token-expired', 'No fresh token was issued.');
          return fresh.token;
        },
      });
      return !signal.aborted;
    } catch (error) {
      if (signal.aborted || this.isStale(run)) return false;
      this.call.fail();
      this.errors.report(error, this.retryStart(error));
      return false;
    }
  }

  /** How to try a failed call again: a call live in another tab is taken over from it. */
  private retryStart(error: unknown): () => Promise<boolean> {
    const elsewhere = toKrosaiError(error).reason === 'call-elsewhere';
    return () => this.start({ takeOver: elsewhere });
  }

  /** The shown conversation when it is still active, else none. */
  private activeConversation(): StoredConversation | undefined {
    return this.conversation?.status === 'active' ? this.conversation : undefined;
  }

  /** Room details for a call: the active conversation's fresh token, or a new conversation. */
  private async callTarget(run: Run, api: KrosaiApi, signal: AbortSignal): Promise<CallTarget> {
    const existing = this.activeConversation();
    if (existing) {
      try {
        const remote = await api.getConversation(refOf(existing), { signal });
        const title = remote.title || existing.title;
        const saved = await this.saveStatus(run, existing, remote.status, title);
        if (saved && remote.status === 'active' && remote.roomUrl && remote.token) {
          return { conversation: saved, roomUrl: remote.roomUrl, token: remote.token };
        }
      } catch (error) {
        const reason = toKrosaiError(error).reason;
        if (reason !== 'not-found' && reason !== 'forbidden') throw error;
        await this.saveStatus(run, existing, 'unavailable');
      }
    }
    const target = await createConversation(api, await run.store!, run.config, signal);
    if (this.isStale(run)) throw new KrosaiError('aborted', 'The widget was removed.');
    this.chooseConversation(target.conversation);
    this.host.dispatchEvent(new KrosaiConversationCreatedEvent(target.conversation));
    this.host.dispatchEvent(new KrosaiConversationChangedEvent(target.conversation));
    void this.refreshHistory(run);
    return target;
  }

  private onVoiceEvent(run: Run, conversation: StoredConversation, event: VoiceSessionEvent): void {
    if (this.isStale(run)) return;
    if (event.type === 'transcript') this.onTranscript(run, conversation, event.update);
    else if (event.type === 'error') this.errors.report(event.error, this.retryStart(event.error));
    else if (event.type === 'call-state' && (event.state === 'ended' || event.state === 'error')) {
      if (event.reason === 'call-elsewhere') {
        const error = new KrosaiError('call-elsewhere', 'The call continued in another tab.');
        this.errors.report(error, this.retryStart(error));
      }
      void this.afterCall(run, conversation);
    }
  }

  private onTranscript(run: Run, conversation: StoredConversation, update: TranscriptUpdate): void {
    const message: StoredMessage = {
      id: `live:${update.segmentId}`,
      conversationId: conversation.id,
      role: update.role,
      text: update.text,
      createdAt: update.timestamp,
      state: update.final ? 'final' : 'interim',
      origin: 'live',
      segmentId: update.segmentId,
    };
    // Shown at once; the store batches its writes and its change event patches in the stored copy.
    this.showMessage(message);
    const { segmentId, role, text, final, timestamp } = update;
    const segment = {
      conversationId: conversation.id,
      segmentId,
      role,
      text,
      final,
      createdAt: timestamp,
    };
    run.store
      ?.then((store) => store.upsertSegment(segment))
      .catch((error) => {
        if (!this.isStale(run)) this.errors.report(error);
      });
  }

  /** Puts a live message on screen and tells the page (final) or the transcript listeners. */
  private showMessage(message: StoredMessage): void {
    if (this.conversation?.id === message.conversationId) {
      this.messages = upsertMessage(this.messages, message);
    }
    if (message.state === 'final') {
      this.announcements = [...this.announcements, message].slice(-ANNOUNCE_LIMIT);
      this.host.dispatchEvent(new KrosaiMessageEvent(message));
    } else {
      this.host.dispatchEvent(new KrosaiTranscriptEvent(message));
    }
    this.host.requestUpdate();
  }

  /** After a call the server's transcript is authoritative: fetch it and reconcile. */
  private async afterCall(run: Run, conversation: StoredConversation): Promise<void> {
    this.call.detach();
    const store = await run.store;
    await store?.flush();
    if (!this.isStale(run)) await this.syncFromServer(run, conversation);
  }

  /** Hangs up. Resolves when the call is over. */
  async end(): Promise<void> {
    if (!this.call.live && !this.starting) return;
    try {
      await this.call.end();
    } catch (error) {
      this.errors.report(error);
    }
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
  async send(text: string): Promise<boolean> {
    const trimmed = text.trim();
    const run = this.run;
    if (!trimmed || !run) return false;
    if (!this.call.connected) {
      const connected = this.call.whenConnected();
      if (!this.call.live && !(await this.start())) {
        this.call.cancelWaits();
        return false;
      }
      // start() resolves once the room is joined; the agent may not be there yet.
      if (!(await connected)) return false;
    }
    const voice = this.call.current;
    const conversation = this.conversation;
    if (!voice || !conversation || this.isStale(run)) return false;
    try {
      await voice.sendText(trimmed);
      const message: StoredMessage = {
        id: localMessageId(),
        conversationId: conversation.id,
        role: 'user',
        text: trimmed,
        createdAt: Date.now(),
        state: 'final',
        origin: 'live',
      };
      this.showMessage(message);
      await (await run.store)?.addMessage(message);
      return true;
    } catch (error) {
      if (!this.isStale(run)) this.errors.report(error, () => this.send(trimmed));
      return false;
    }
  }

  // ---- history -----------------------------------------------------------------------------

  /** Leaves the shown conversation as history; the next engagement creates a new one. */
  async newConversation(): Promise<void> {
    const run = this.run;
    await this.end();
    const shown = this.conversation;
    if (!run || !shown) return;
    try {
      const store = await run.store!;
      await store.putConversation({ ...shown, current: false });
      if (this.isStale(run)) return;
      this.chooseConversation(undefined);
      this.host.dispatchEvent(new KrosaiConversationChangedEvent(null));
      await this.refreshHistory(run);
    } catch (error) {
      this.errors.report(error);
    }
  }

  /** Shows an earlier conversation (from the history view) and refreshes it from the server. */
  async selectConversation(id: string): Promise<void> {
    const run = this.run;
    if (!run || id === this.conversation?.id) return;
    await this.end();
    try {
      const store = await run.store!;
      const found = await store.getConversation(id);
      if (!found || this.isStale(run)) return;
      const current = { ...found, current: true };
      await store.putConversation(current);
      if (this.isStale(run)) return;
      this.chooseConversation(current);
      this.host.dispatchEvent(new KrosaiConversationChangedEvent(current));
      await this.loadMessages(run);
      await this.syncFromServer(run, current);
    } catch (error) {
      this.errors.report(error);
    }
  }

  /** Forgets every conversation of this namespace in this browser (the server keeps its copy). */
  async clearHistory(): Promise<void> {
    const run = this.run;
    await this.end();
    if (!run) return;
    try {
      const store = await run.store!;
      const hadConversation = Boolean(this.conversation);
      await store.clear(run.config.namespace);
      if (this.isStale(run)) return;
      this.chooseConversation(undefined);
      this.conversations = [];
      if (hadConversation) this.host.dispatchEvent(new KrosaiConversationChangedEvent(null));
    } catch (error) {
      this.errors.report(error);
    }
  }

  /** Runs the action that failed again. */
  async retry(): Promise<void> {
    const action = this.errors.takeRetry();
    if (this.call.state === 'error') this.call.setState('idle');
    await action?.();
  }

  /** Puts the error away (and a failed call back to idle). */
  dismissError(): void {
    this.errors.clear();
    if (this.call.state === 'error') this.call.setState('idle');
  }
}
