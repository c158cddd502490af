import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConversationRef, KrosaiApi } from '../api/types.js';
import type { ConversationConfig } from '../config/resolve-config.js';
import { canReachServer, configKey } from '../config/resolve-config.js';
import { KrosaiError, toKrosaiError } from '../errors.js';
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
import type {
  ConversationStore,
  StoreChange,
  StoredConversation,
  StoredMessage,
} from '../store/types.js';
import type {
  AgentState,
  CallState,
  TranscriptUpdate,
  VoiceSession,
  VoiceSessionEvent,
  VoiceSessionFactory,
} from '../voice/voice-session.js';
import { CallWaiters } from './call-waiters.js';
import { isVisible, localMessageId, patchMessages, upsertMessage } from './messages.js';

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
const LIVE_CALL: readonly CallState[] = [
  'connecting',
  'waiting-for-agent',
  'connected',
  'reconnecting',
];

/** One connection of the element to its configuration; aborted on removal or config change. */
class Run {
  readonly abort = new AbortController();
  readonly signal = this.abort.signal;
  api: KrosaiApi | undefined;
  store: Promise<ConversationStore> | undefined;
  unsubscribe: (() => void) | undefined;
  constructor(readonly config: ConversationConfig) {}
}

const refOf = (conversation: StoredConversation): ConversationRef => ({
  id: conversation.id,
  handle: conversation.handle,
});

/**
 * The conversation lifecycle: shows the stored conversation at once, reconciles it with the
 * server, creates one on first engagement, runs the voice call and streams its transcript into the
 * store. The element renders the public fields; every method resolves (never rejects) and reports
 * failures as `krosai-error` events plus `error` for the UI.
 */
export class ConversationController implements ReactiveController {
  /** True until the stored conversation (if any) is on screen. */
  loading = true;
  conversation: StoredConversation | undefined;
  /** The shown conversation's visible messages, oldest first. */
  messages: StoredMessage[] = [];
  /** The visitor's conversations with this agent, newest first. */
  conversations: StoredConversation[] = [];
  callState: CallState = 'idle';
  agentState: AgentState = 'unknown';
  muted = false;
  /** The browser blocked the agent's audio until the visitor clicks. */
  audioBlocked = false;
  error: KrosaiError | undefined;
  /** History cannot outlive the page (IndexedDB unavailable). */
  storageWarning = false;
  /** The last few final messages that arrived live, for the `role="log"` region. */
  announcements: StoredMessage[] = [];

  private run: Run | undefined;
  private config: ConversationConfig | undefined;
  private connected = false;
  private voice: VoiceSession | undefined;
  private voiceUnsubscribe: (() => void) | undefined;
  /** A session loaded ahead of time (hover on the microphone), used by the next call. */
  private preparedVoice: Promise<VoiceSession> | undefined;
  private callAbort: AbortController | undefined;
  private starting: Promise<boolean> | undefined;
  private retryAction: (() => Promise<unknown>) | undefined;
  private readonly reported = new WeakSet<KrosaiError>();
  private readonly waiters = new CallWaiters();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deps: ConversationDependencies,
  ) {
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

  private isConnected(): boolean {
    return this.callState === 'connected';
  }

  get isCallLive(): boolean {
    return LIVE_CALL.includes(this.callState);
  }

  /** Whether a call can be started: an agent and a way to the server are configured. */
  get canEngage(): boolean {
    return Boolean(this.config && canReachServer(this.config));
  }

  /** Input and output levels of the live call, 0…1. */
  levels(): { input: number; output: number } {
    return this.voice?.levels() ?? { input: 0, output: 0 };
  }

  // ---- lifecycle -------------------------------------------------------------------------

  private restart(): void {
    this.stop();
    const config = this.config!;
    const run = new Run(config);
    this.run = run;
    this.loading = true;
    this.error = undefined;
    this.storageWarning = false;
    this.showConversation(undefined);
    this.conversations = [];
    this.host.requestUpdate();
    void this.load(run);
  }

  private stop(): void {
    const run = this.run;
    this.run = undefined;
    this.waiters.settle(false);
    this.hangUpQuietly();
    if (!run) return;
    run.abort.abort();
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
      this.host.requestUpdate();
      await this.refreshHistory(run);
      if (current) await this.syncFromServer(run, current);
    } catch (error) {
      if (this.isStale(run)) return;
      this.loading = false;
      this.report(error, () => Promise.resolve(this.restart()));
    }
  }

  private isStale(run: Run): boolean {
    return run !== this.run || run.signal.aborted;
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

  /** Asks the server for the conversation's status and transcript, which are authoritative. */
  private async syncFromServer(run: Run, conversation: StoredConversation): Promise<void> {
    const { api } = run;
    const store = await run.store;
    if (!api || !store) return;
    const options = { signal: run.signal };
    try {
      const remote = await api.getConversation(refOf(conversation), options);
      const saved = await this.saveStatus(
        run,
        conversation,
        remote.status,
        remote.title || conversation.title,
      );
      if (!saved) return;
      const serverMessages = await api.getMessages(refOf(conversation), options);
      if (this.isStale(run)) return;
      await store.reconcile(conversation.id, serverMessages);
      if (this.conversation?.id === conversation.id && !this.isCallLive)
        await this.loadMessages(run);
    } catch (error) {
      if (this.isStale(run)) return;
      const reason = toKrosaiError(error).reason;
      // The server forgot it or will not show it: keep it readable, start afresh next time.
      if (reason === 'not-found' || reason === 'forbidden') {
        await this.saveStatus(run, conversation, 'unavailable');
        return;
      }
      this.report(error, () => this.syncFromServer(run, conversation));
    }
  }

  /** Records the server's status; skipped (undefined) when the visitor deleted it meanwhile. */
  private async saveStatus(
    run: Run,
    local: StoredConversation,
    status: string,
    title = local.title,
  ): Promise<StoredConversation | undefined> {
    const store = await run.store;
    const latest = await store?.getConversation(local.id);
    if (!store || !latest || this.isStale(run)) return undefined;
    const updated: StoredConversation = { ...latest, status, title, updatedAt: Date.now() };
    await store.putConversation(updated);
    if (this.isStale(run)) return updated;
    if (this.conversation?.id === local.id) this.conversation = updated;
    this.host.requestUpdate();
    return updated;
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
        } else if (!this.isCallLive) {
          void this.loadMessages(run);
        }
        return;
      case 'conversation':
        if (change.conversationId === shown && change.conversation) {
          this.conversation = change.conversation;
        }
        void this.refreshHistory(run);
        void this.followOtherTab(run);
        return;
      case 'deleted':
        if (change.conversationId === shown) this.showConversation(undefined);
        void this.refreshHistory(run);
        return;
      case 'cleared':
        if (change.namespace === null || change.namespace === run.config.namespace) {
          this.showConversation(undefined);
          this.conversations = [];
          this.host.requestUpdate();
        }
    }
  }

  /** Another tab made a different conversation current: show it too, unless a call is live here. */
  private async followOtherTab(run: Run): Promise<void> {
    if (this.isCallLive || this.starting) return;
    const store = await run.store;
    const current = await store?.currentConversation(run.config.namespace, run.config.agentId);
    if (!current || this.isStale(run) || this.isCallLive || current.id === this.conversation?.id) {
      return;
    }
    this.showConversation(current);
    await this.loadMessages(run);
  }

  // ---- the call ----------------------------------------------------------------------------

  /** Loads the voice code ahead of a likely call (the visitor hovers or focuses the microphone). */
  prepare(): void {
    if (this.preparedVoice || this.voice || !this.canEngage) return;
    const prepared = this.deps.loadVoiceSession();
    this.preparedVoice = prepared;
    prepared
      .then((voice) => voice.prepare())
      .catch(() => {
        // A failed warm-up is retried, and reported, by the call itself.
        if (this.preparedVoice === prepared) this.preparedVoice = undefined;
      });
  }

  /** Starts (or joins) the call; resolves true once connecting succeeded. */
  start(options: StartOptions = {}): Promise<boolean> {
    if (this.isCallLive && !this.starting) return Promise.resolve(true);
    this.starting ??= this.startCall(options).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startCall(options: StartOptions): Promise<boolean> {
    const run = this.run;
    if (!run) return false;
    const before = new KrosaiBeforeStartEvent(this.activeConversation() ?? null);
    this.host.dispatchEvent(before);
    if (before.defaultPrevented) return false;
    this.error = undefined;
    this.audioBlocked = false;
    const callAbort = new AbortController();
    this.callAbort = callAbort;
    const signal = AbortSignal.any([run.signal, callAbort.signal]);
    this.setCallState('connecting');
    try {
      if (!run.api || !run.config.agentId) {
        throw new KrosaiError(
          'config',
          'Set agent-id and session-url (or api-key in development).',
        );
      }
      const voicePromise = this.preparedVoice ?? this.deps.loadVoiceSession();
      this.preparedVoice = undefined;
      // Keep an early failure of the voice code from going unhandled while the API call runs.
      voicePromise.catch(() => undefined);
      const { conversation, roomUrl, token } = await this.activeCall(run, signal);
      const voice = await voicePromise;
      if (signal.aborted) {
        await voice.disconnect();
        return false;
      }
      this.attachVoice(run, voice, conversation);
      const api = run.api;
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
      callAbort.abort();
      this.detachVoice();
      this.agentState = 'unknown';
      this.setCallState('error');
      this.report(error, this.retryStart(error));
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
  private async activeCall(run: Run, signal: AbortSignal) {
    const api = run.api!;
    const existing = this.activeConversation();
    if (existing) {
      try {
        const remote = await api.getConversation(refOf(existing), { signal });
        const saved = await this.saveStatus(
          run,
          existing,
          remote.status,
          remote.title || existing.title,
        );
        if (saved && remote.status === 'active' && remote.roomUrl && remote.token) {
          return { conversation: saved, roomUrl: remote.roomUrl, token: remote.token };
        }
      } catch (error) {
        const reason = toKrosaiError(error).reason;
        if (reason !== 'not-found' && reason !== 'forbidden') throw error;
        await this.saveStatus(run, existing, 'unavailable');
      }
    }
    return this.createConversation(run, signal);
  }

  private async createConversation(run: Run, signal: AbortSignal) {
    const remote = await run.api!.createConversation({ agentId: run.config.agentId }, { signal });
    if (!remote.roomUrl || !remote.token) {
      throw new KrosaiError('bad-response', 'The new conversation came without room details.');
    }
    const store = await run.store!;
    const now = Date.now();
    const conversation: StoredConversation = {
      id: remote.id,
      namespace: run.config.namespace,
      agentId: run.config.agentId,
      title: remote.title,
      status: remote.status,
      createdAt: remote.createdAt?.getTime() ?? now,
      updatedAt: remote.updatedAt?.getTime() ?? now,
      handle: remote.handle,
      current: true,
    };
    await store.putConversation(conversation);
    if (this.isStale(run)) throw new KrosaiError('aborted', 'The widget was removed.');
    this.showConversation(conversation);
    this.host.dispatchEvent(new KrosaiConversationCreatedEvent(conversation));
    this.host.dispatchEvent(new KrosaiConversationChangedEvent(conversation));
    void this.refreshHistory(run);
    return { conversation, roomUrl: remote.roomUrl, token: remote.token };
  }

  private attachVoice(run: Run, voice: VoiceSession, conversation: StoredConversation): void {
    this.voiceUnsubscribe?.();
    this.voice = voice;
    this.muted = voice.muted;
    this.voiceUnsubscribe = voice.subscribe((event) => this.onVoiceEvent(run, conversation, event));
  }

  private onVoiceEvent(run: Run, conversation: StoredConversation, event: VoiceSessionEvent): void {
    if (this.isStale(run)) return;
    switch (event.type) {
      case 'call-state':
        this.setCallState(event.state);
        if (event.state === 'ended' && event.reason === 'call-elsewhere') {
          const error = new KrosaiError('call-elsewhere', 'The call continued in another tab.');
          this.report(error, this.retryStart(error));
        }
        if (event.state === 'ended' || event.state === 'error')
          void this.afterCall(run, conversation);
        return;
      case 'agent-state':
        this.agentState = event.state;
        this.host.dispatchEvent(new KrosaiAgentStateEvent(event.state));
        break;
      case 'muted':
        this.muted = event.muted;
        break;
      case 'audio-blocked':
        this.audioBlocked = event.blocked;
        break;
      case 'transcript':
        this.onTranscript(run, conversation, event.update);
        return;
      case 'error':
        this.report(event.error, this.retryStart(event.error));
        return;
    }
    this.host.requestUpdate();
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
    run.store
      ?.then((store) =>
        store.upsertSegment({
          conversationId: conversation.id,
          segmentId: update.segmentId,
          role: update.role,
          text: update.text,
          final: update.final,
          createdAt: update.timestamp,
        }),
      )
      .catch((error) => {
        if (!this.isStale(run)) this.report(error);
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
    this.detachVoice();
    this.agentState = 'unknown';
    this.host.requestUpdate();
    const store = await run.store;
    await store?.flush();
    if (!this.isStale(run)) await this.syncFromServer(run, conversation);
  }

  private setCallState(state: CallState): void {
    if (state === this.callState) return;
    this.callState = state;
    if (state === 'connected') this.waiters.settle(true);
    else if (!LIVE_CALL.includes(state)) this.waiters.settle(false);
    this.host.dispatchEvent(new KrosaiCallStateEvent(state));
    this.host.requestUpdate();
  }

  private detachVoice(): void {
    this.voiceUnsubscribe?.();
    this.voiceUnsubscribe = undefined;
    const voice = this.voice;
    this.voice = undefined;
    voice?.disconnect().catch(() => undefined);
  }

  /** Ends any call without events: the element is going away or starting over. */
  private hangUpQuietly(): void {
    this.callAbort?.abort();
    this.callAbort = undefined;
    this.detachVoice();
    this.callState = 'idle';
    this.agentState = 'unknown';
    this.muted = false;
    this.audioBlocked = false;
  }

  /** Hangs up. Resolves when the call is over. */
  async end(): Promise<void> {
    if (!this.isCallLive && !this.starting) return;
    this.callAbort?.abort();
    const voice = this.voice;
    try {
      await voice?.disconnect();
    } catch (error) {
      this.report(error);
    }
    // The session reports `ended` itself; a call still being set up has no session yet.
    if (this.isCallLive) this.setCallState('ended');
  }

  /** Mutes or unmutes the microphone; resolves false when there is no call. */
  async mute(muted: boolean): Promise<boolean> {
    const voice = this.voice;
    if (!voice) return false;
    try {
      await voice.setMuted(muted);
      this.muted = voice.muted;
      this.host.requestUpdate();
      return true;
    } catch (error) {
      this.report(error);
      return false;
    }
  }

  /** Resumes the agent's audio after the browser blocked autoplay (needs a visitor gesture). */
  async startAudio(): Promise<void> {
    try {
      await this.voice?.startAudio();
      this.audioBlocked = false;
      this.host.requestUpdate();
    } catch (error) {
      this.report(error);
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
    if (this.callState !== 'connected') {
      const waiting = this.waiters.next();
      if (!this.isCallLive && !(await this.start())) {
        this.waiters.settle(false);
        return false;
      }
      // start() resolves once the room is joined; the agent may not be there yet.
      if (!this.isConnected() && !(await waiting)) return false;
    }
    const voice = this.voice;
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
      if (!this.isStale(run)) this.report(error, () => this.send(trimmed));
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
      this.showConversation(undefined);
      this.host.dispatchEvent(new KrosaiConversationChangedEvent(null));
      await this.refreshHistory(run);
    } catch (error) {
      this.report(error);
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
      this.showConversation(current);
      this.host.dispatchEvent(new KrosaiConversationChangedEvent(current));
      await this.loadMessages(run);
      await this.syncFromServer(run, current);
    } catch (error) {
      this.report(error);
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
      this.showConversation(undefined);
      this.conversations = [];
      if (hadConversation) this.host.dispatchEvent(new KrosaiConversationChangedEvent(null));
    } catch (error) {
      this.report(error);
    }
  }

  // ---- errors ------------------------------------------------------------------------------

  private report(error: unknown, retry?: () => Promise<unknown>): void {
    const krosaiError = toKrosaiError(error);
    if (krosaiError.reason === 'aborted' || this.reported.has(krosaiError)) return;
    this.reported.add(krosaiError);
    this.error = krosaiError;
    this.retryAction = retry;
    this.host.dispatchEvent(new KrosaiErrorEvent(krosaiError));
    this.host.requestUpdate();
  }

  get canRetry(): boolean {
    return Boolean(this.error && this.retryAction);
  }

  /** Runs the action that failed again. */
  async retry(): Promise<void> {
    const action = this.retryAction;
    this.dismissError();
    await action?.();
  }

  dismissError(): void {
    this.error = undefined;
    this.retryAction = undefined;
    if (this.callState === 'error') this.setCallState('idle');
    this.host.requestUpdate();
  }
}
