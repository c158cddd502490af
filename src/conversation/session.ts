import type { Conversation, KrosaiApi } from '../api/types.js';
import { type ConversationConfig, canReachServer } from '../config/resolve-config.js';
import { KrosaiError, toKrosaiError } from '../errors.js';
import type { StoredConversation } from '../store/types.js';
import type { TranscriptUpdate } from '../voice/voice-session.js';
import { type CallEvent, ConversationCall, type JoinOptions } from './call.js';
import type { CallMode } from './call-machine.js';
import { ErrorState } from './error-state.js';
import {
  type CreatedConversation,
  createConversation,
  isGone,
  liveMessage,
  refOf,
  typedMessage,
} from './records.js';
import { SessionScope, UPDATE } from './scope.js';
import type { ConversationSessionOptions } from './types.js';
import { ConversationView } from './view.js';

export interface StartOptions {
  /** Take the call over from another tab of this site that holds it. */
  takeOver?: boolean;
}

/**
 * One configuration's conversation, from the element's connection to its removal or
 * reconfiguration: loads the stored conversation and shows it at once, reconciles it with the
 * server, creates one on the first engagement, runs the call and keeps its transcript, and keeps
 * the visitor's history. It owns the abort signal, the opened store and the call.
 *
 * Stale results: every await of the session's own work goes through `fresh()`, which throws
 * `aborted` (never reported) once the session is closed, and a closed session says nothing.
 * Every method resolves (never rejects); failures land in `errors` and as `error` events.
 */
export class ConversationSession {
  readonly view: ConversationView;
  readonly errors: ErrorState;
  readonly call: ConversationCall;
  readonly config: ConversationConfig;
  private readonly scope: SessionScope;
  private api: KrosaiApi | undefined;
  private unsubscribe: (() => void) | undefined;
  /** The conversation the call talks in, once its room is known. */
  private callConversation: StoredConversation | undefined;
  /** Settles once the stored conversation (if any) is on screen, or loading gave up. */
  private readonly loaded: Promise<void>;
  private markLoaded: () => void = () => {};

  constructor(private readonly options: ConversationSessionOptions) {
    const { config, deps } = options;
    this.config = config;
    // Opened a tick later: a store may warn at once, and the view must be there to hear it.
    const store = Promise.resolve().then(() =>
      deps.openStore(config, (warning) => {
        if (warning.reason === 'storage-unavailable') this.view.storageWarning = true;
        this.scope.emit({ type: 'error', error: warning });
      }),
    );
    this.scope = new SessionScope(store, options.onEvent, (error) => this.errors.report(error));
    this.errors = new ErrorState((error) =>
      this.scope.emit(error ? { type: 'error', error } : UPDATE),
    );
    this.call = new ConversationCall(
      () => deps.loadVoiceSession(),
      (event) => this.onCallEvent(event),
    );
    this.view = new ConversationView(this.scope, config, this.call);
    this.loaded = new Promise((resolve) => {
      this.markLoaded = resolve;
    });
    void this.load();
  }

  get closed(): boolean {
    return this.scope.closed;
  }

  /** Ends the call silently, stops every request and lets go of the store (after a flush). */
  close(): void {
    if (this.closed) return;
    this.scope.close();
    this.markLoaded();
    this.unsubscribe?.();
    this.call.dispose();
  }

  /** Whether a call can be started: an agent and a way to the server are configured. */
  get canEngage(): boolean {
    return canReachServer(this.config);
  }

  // ---- the call -----------------------------------------------------------------------------

  /** Loads the voice code ahead of a likely call (the visitor hovers or focuses the microphone). */
  prepare(): void {
    if (this.canEngage) this.call.prepare();
  }

  /** Starts (or joins) a voice call; resolves true once connecting succeeded. */
  start(options: StartOptions = {}): Promise<boolean> {
    return this.call.startOnce(() => this.joinCall('voice', options));
  }

  /** Hangs up, if a call is live or starting. Resolves when the call is over. */
  async end(): Promise<void> {
    if (!this.call.busy) return;
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
    const { call } = this;
    if (!trimmed || this.closed) return false;
    if (call.state !== 'connected') {
      const connected = call.whenConnected();
      if (!call.live && !(await this.start())) {
        call.cancelWaits();
        return false;
      }
      // start() resolves once the room is joined; the agent may not be there yet.
      if (!(await connected)) return false;
    }
    const conversation = this.view.conversation;
    if (!conversation || this.closed) return false;
    try {
      if (!(await call.sendText(trimmed))) return false;
    } catch (error) {
      this.errors.report(error, () => this.send(trimmed));
      return false;
    }
    try {
      const message = typedMessage(conversation.id, trimmed);
      this.view.showLive(message);
      const store = await this.scope.openStore();
      await store.addMessage(message);
    } catch (error) {
      // The agent has the text already: a retry would send it twice, so report the failed save only.
      this.errors.report(error);
    }
    return true;
  }

  // ---- history ------------------------------------------------------------------------------

  /** Leaves the shown conversation as history; the next engagement creates a new one. */
  async newConversation(): Promise<void> {
    await this.end();
    const left = this.view.conversation;
    if (!left) return;
    try {
      const store = await this.scope.openStore();
      await this.scope.fresh(store.putConversation({ ...left, current: false }));
      this.view.choose(undefined);
      this.scope.emit({ type: 'conversation-changed', conversation: null });
      await this.view.loadHistory();
    } catch (error) {
      this.errors.report(error);
    }
  }

  /** Shows an earlier conversation (from the history view) and refreshes it from the server. */
  async selectConversation(id: string): Promise<void> {
    if (id === this.view.conversation?.id) return;
    await this.end();
    try {
      const store = await this.scope.openStore();
      const found = await this.scope.fresh(store.getConversation(id));
      if (!found) return;
      const current = { ...found, current: true };
      await this.scope.fresh(store.putConversation(current));
      this.view.choose(current);
      this.scope.emit({ type: 'conversation-changed', conversation: current });
      await this.view.loadMessages();
      await this.sync(current);
    } catch (error) {
      this.errors.report(error);
    }
  }

  /** Forgets every conversation of this namespace in this browser (the server keeps its copy). */
  async clearHistory(): Promise<void> {
    await this.end();
    try {
      const store = await this.scope.openStore();
      const hadConversation = Boolean(this.view.conversation);
      await this.scope.fresh(store.clear(this.config.namespace));
      this.view.cleared();
      if (hadConversation) this.scope.emit({ type: 'conversation-changed', conversation: null });
    } catch (error) {
      this.errors.report(error);
    }
  }

  // ---- errors -------------------------------------------------------------------------------

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

  // ---- loading and the server ---------------------------------------------------------------

  /** Shows the stored conversation at once, then lists the history and asks the server. */
  private async load(): Promise<void> {
    const { config, deps } = this.options;
    try {
      if (canReachServer(config)) this.api = deps.createApi(config);
      const store = await this.scope.openStore();
      this.unsubscribe = store.subscribe((change) => this.view.onStoreChange(change));
      const current = config.agentId
        ? await this.scope.fresh(store.currentConversation(config.namespace, config.agentId))
        : undefined;
      this.view.show(current);
      await this.view.loadMessages();
      this.view.loading = false;
      this.markLoaded();
      this.scope.emit(UPDATE);
      await this.view.loadHistory();
      if (current) await this.sync(current);
    } catch (error) {
      this.markLoaded();
      this.view.loading = false;
      this.errors.report(error, this.options.restart);
    }
  }

  /** Asks the server for the conversation's status and transcript, which are authoritative. */
  private async sync(conversation: StoredConversation): Promise<void> {
    const { api } = this;
    if (!api) return;
    const options = { signal: this.scope.signal };
    try {
      const remote = await this.scope.fresh(api.getConversation(refOf(conversation), options));
      if (!(await this.recordRemote(conversation, remote))) return;
      const serverMessages = await this.scope.fresh(api.getMessages(refOf(conversation), options));
      const store = await this.scope.openStore();
      await this.scope.fresh(store.reconcile(conversation.id, serverMessages));
      if (this.view.conversation?.id === conversation.id && !this.call.live) {
        await this.view.loadMessages();
      }
    } catch (error) {
      if (!isGone(error)) {
        this.errors.report(error, () => this.sync(conversation));
        return;
      }
      await this.view
        .recordStatus(conversation, 'unavailable')
        .catch((failure) => this.errors.report(failure));
    }
  }

  /** Records what the server says of a conversation: its status, and its title if it has one. */
  private recordRemote(local: StoredConversation, remote: Conversation) {
    return this.view.recordStatus(local, remote.status, remote.title || local.title);
  }

  // ---- the call's room and what it says -----------------------------------------------------

  private async joinCall(mode: CallMode, options: StartOptions): Promise<boolean> {
    // A call started during page load continues the stored conversation, not a new one.
    await this.loaded;
    if (this.closed) return false;
    if (!this.options.mayStart(this.view.active ?? null)) {
      this.call.cancelWaits();
      return false;
    }
    this.errors.clear();
    try {
      return await this.call.join(mode, this.scope.signal, (signal) => this.room(signal, options));
    } catch (error) {
      this.errors.report(error, this.retryStart(error));
      return false;
    }
  }

  /** How to try a failed call again: a call live in another tab is taken over from it. */
  private retryStart(error: unknown): () => Promise<boolean> {
    const takeOver = toKrosaiError(error).reason === 'call-elsewhere';
    return () => this.start({ takeOver });
  }

  /** The room of the call: the active conversation's, with a fresh token, or a new one's. */
  private async room(signal: AbortSignal, options: StartOptions): Promise<JoinOptions> {
    const { api } = this;
    if (!api || !this.config.agentId) {
      throw new KrosaiError('config', 'Set agent-id and session-url (or api-key in development).');
    }
    const { conversation, roomUrl, token } = await this.roomConversation(api, signal);
    this.callConversation = conversation;
    return {
      roomUrl,
      token,
      lockName: this.options.deps.callLockName?.(conversation.id),
      takeOver: options.takeOver,
      refreshToken: async () => {
        const fresh = await api.getConversation(refOf(conversation), { signal });
        if (!fresh.token) throw new KrosaiError('token-expired', 'No fresh token was issued.');
        return fresh.token;
      },
    };
  }

  private async roomConversation(
    api: KrosaiApi,
    signal: AbortSignal,
  ): Promise<CreatedConversation> {
    const existing = this.view.active;
    if (existing) {
      try {
        const remote = await this.scope.fresh(api.getConversation(refOf(existing), { signal }));
        const saved = await this.recordRemote(existing, remote);
        if (saved && remote.status === 'active' && remote.roomUrl && remote.token) {
          return { conversation: saved, roomUrl: remote.roomUrl, token: remote.token };
        }
      } catch (error) {
        if (!isGone(error)) throw error;
        await this.view.recordStatus(existing, 'unavailable');
      }
    }
    const store = await this.scope.openStore();
    const created = await this.scope.fresh(createConversation(api, store, this.config, signal));
    this.view.choose(created.conversation);
    this.scope.emit({ type: 'conversation-created', conversation: created.conversation });
    this.scope.emit({ type: 'conversation-changed', conversation: created.conversation });
    this.scope.background(this.view.loadHistory());
    return created;
  }

  private onCallEvent(event: CallEvent): void {
    switch (event.type) {
      case 'transcript':
        this.showTranscript(event.update);
        return;
      case 'error':
        this.errors.report(event.error, this.retryStart(event.error));
        return;
      case 'call-state':
        this.scope.emit(event);
        if (event.reason === 'call-elsewhere') {
          const error = new KrosaiError('call-elsewhere', 'The call continued in another tab.');
          this.errors.report(error, this.retryStart(error));
        }
        if (event.state === 'ended' || event.state === 'error')
          this.scope.background(this.afterCall());
        return;
      default:
        this.scope.emit(event);
    }
  }

  /** After a call the server's transcript is authoritative: fetch it and reconcile. */
  private async afterCall(): Promise<void> {
    this.call.detach();
    const conversation = this.callConversation;
    if (!conversation) return;
    const store = await this.scope.openStore();
    await store.flush();
    await this.sync(conversation);
  }

  /**
   * Shows a transcript update at once and hands it to the store, which batches its writes; the
   * store's change event then patches in the stored copy.
   */
  private showTranscript(update: TranscriptUpdate): void {
    const conversation = this.callConversation;
    if (!conversation) return;
    this.view.showLive(liveMessage(conversation.id, update));
    const { segmentId, role, text, final, timestamp } = update;
    const segment = { conversationId: conversation.id, segmentId, role, text, final };
    this.scope.background(
      this.scope.store.then((store) => store.upsertSegment({ ...segment, createdAt: timestamp })),
    );
  }
}
