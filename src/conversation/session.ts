import type { KrosaiApi } from '../api/types.js';
import { type ConversationConfig, canReachServer } from '../config/resolve-config.js';
import { KrosaiError, toKrosaiError } from '../errors.js';
import type { ConversationStore, StoredConversation } from '../store/types.js';
import type { TranscriptUpdate } from '../voice/voice-session.js';
import { type CallEvent, ConversationCall, type JoinOptions } from './call.js';
import type { CallMode } from './call-machine.js';
import { callRoom } from './call-room.js';
import { ErrorState } from './error-state.js';
import { MicrophoneChoice } from './microphone-choice.js';
import { afterNextPaint } from './paint.js';
import { isGone, liveMessage, refOf, typedMessage } from './records.js';
import { SessionScope, UPDATE } from './scope.js';
import type { ConversationSessionOptions } from './types.js';
import { ConversationView } from './view.js';

export interface StartOptions {
  /** `voice` (the default) or `text`, without the microphone. */
  mode?: CallMode;
  /** Take the call over from another tab of this site that holds it. */
  takeOver?: boolean;
}

/**
 * One configuration's conversation, from the element's connection to its removal or
 * reconfiguration: loads the stored conversation and shows it at once, reconciles it with the
 * server, creates one on the first engagement, runs the call and keeps its transcript, and keeps
 * the visitor's history. It owns the abort signal, the opened store and the call.
 *
 * Stale results: every await of the session's own work goes through `scope.fresh()` (scope.ts),
 * which throws `aborted` (never reported) once the session is closed; a closed scope says nothing.
 * Every method resolves (never rejects); failures land in `errors` and as `error` events.
 */
export class ConversationSession {
  readonly view: ConversationView;
  readonly errors: ErrorState;
  readonly call: ConversationCall;
  readonly config: ConversationConfig;
  private readonly scope: SessionScope;
  private readonly microphoneChoice: MicrophoneChoice;
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
      deps.textIdleMs,
    );
    this.microphoneChoice = new MicrophoneChoice(config.namespace);
    this.call.microphoneDeviceId = this.microphoneChoice.get();
    this.view = new ConversationView(this.scope, config, this.call);
    this.loaded = new Promise((resolve) => {
      this.markLoaded = resolve;
    });
    void this.load();
  }

  get closed(): boolean {
    return this.scope.closed;
  }

  /**
   * Ends the call (a live one says `ended`, reason `removed`, before anything is torn down),
   * stops every request and lets go of the store (after a flush).
   */
  close(): void {
    if (this.closed) return;
    this.call.dispose('removed');
    this.scope.close();
    this.markLoaded();
    this.unsubscribe?.();
  }

  /** Whether a call can be started: an agent and a way to the server are configured. */
  get canEngage(): boolean {
    return canReachServer(this.config);
  }

  /** The visitor's history, while the session is open (export and feedback read and write it). */
  openStore(): Promise<ConversationStore> {
    return this.scope.openStore();
  }

  // ---- the call -----------------------------------------------------------------------------

  /** Loads the voice code ahead of a likely call (the visitor hovers or focuses the microphone). */
  prepare(): void {
    if (this.canEngage) this.call.prepare();
  }

  /**
   * Starts a call in `mode` (voice by default), or turns the text conversation into a voice call
   * in the same room; resolves true once connecting succeeded.
   */
  async start(options: StartOptions = {}): Promise<boolean> {
    const mode = options.mode ?? 'voice';
    const { call } = this;
    if (!call.live || call.mode === mode) {
      return call.startOnce(() => this.joinCall(mode, options));
    }
    try {
      await call.switchMode(mode);
      return true;
    } catch (error) {
      // The microphone failed: the text conversation goes on, and the visitor is told why.
      this.errors.report(error);
      return false;
    }
  }

  /** The hang-up button: a voice call that began as text goes back to text, any other ends. */
  hangUp(): Promise<void> {
    return this.reported(this.call.hangUp(), undefined);
  }

  /**
   * Uses the microphone the visitor picked (undefined: the system's default), in the live call at
   * once, and remembers it for this site's later calls.
   */
  setMicrophoneDevice(deviceId: string | undefined): Promise<void> {
    this.microphoneChoice.set(deviceId);
    return this.reported(this.call.setMicrophoneDevice(deviceId), undefined);
  }

  /** Plays or silences the agent's voice in a text conversation. */
  setSpeaker(on: boolean): Promise<void> {
    return this.reported(this.call.setSpeaker(on), undefined);
  }

  /** Leaves the room, if a call is live or starting. Resolves when the call is over. */
  async end(): Promise<void> {
    if (this.call.busy) await this.reported(this.call.end(), undefined);
  }

  /** Mutes or unmutes the microphone; resolves false when there is no call. */
  mute(muted: boolean): Promise<boolean> {
    return this.reported(this.call.setMuted(muted), false);
  }

  /** Resumes the agent's audio after the browser blocked autoplay (needs a visitor gesture). */
  startAudio(): Promise<void> {
    return this.reported(this.call.startAudio(), undefined);
  }

  /**
   * Sends typed text to the agent. With no call live it starts one first and sends once the agent
   * is there. Resolves true when the text went out.
   */
  async send(text: string): Promise<boolean> {
    const { call } = this;
    // Sent and kept as typed, not trimmed: what the visitor wrote is what comes back after a reload.
    if (!text.trim() || this.closed) return false;
    if (call.state !== 'connected') {
      const connected = call.whenConnected();
      // Typing needs no microphone: with no call live, the conversation goes on in text.
      if (!call.live && !(await this.start({ mode: 'text' }))) {
        call.cancelWaits();
        return false;
      }
      // start() resolves once the room is joined; the agent may not be there yet.
      if (!(await connected)) return false;
    }
    const conversation = this.view.conversation;
    if (!conversation || this.closed) return false;
    try {
      if (!(await call.sendText(text))) return false;
    } catch (error) {
      this.errors.report(error, () => this.send(text));
      return false;
    }
    try {
      const message = typedMessage(conversation.id, text);
      this.view.showLive(message, 'text');
      const store = await this.scope.openStore();
      await store.addMessage(message);
    } catch (error) {
      // The agent has the text already: a retry would send it twice, so report the failed save only.
      this.errors.report(error);
    }
    return true;
  }

  // ---- history ------------------------------------------------------------------------------

  /** Reads the page of messages before the oldest one shown (the visitor scrolled up to it). */
  loadOlder(): Promise<void> {
    return this.reported(this.view.loadOlder(), undefined);
  }

  /** Leaves the shown conversation as history; the next engagement creates a new one. */
  async newConversation(): Promise<void> {
    await this.end();
    await this.reported(this.view.leave(), undefined);
  }

  /** Shows an earlier conversation (from the history view) and refreshes it from the server. */
  async selectConversation(id: string): Promise<void> {
    if (id === this.view.conversation?.id) return;
    await this.end();
    const chosen = await this.reported(this.view.select(id), undefined);
    if (chosen) await this.sync(chosen);
  }

  /** Forgets every conversation of this namespace in this browser (the server keeps its copy). */
  async clearHistory(): Promise<void> {
    await this.end();
    await this.reported(this.view.clear(), undefined);
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

  /**
   * Shows the stored conversation's newest messages at once; once that frame is painted, lists
   * the history and asks the server.
   */
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
      await this.scope.fresh(afterNextPaint());
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
      if (!(await this.view.recordRemote(conversation, remote))) return;
      const serverMessages = await this.scope.fresh(api.getMessages(refOf(conversation), options));
      const store = await this.scope.openStore();
      // What reconciling changed reaches the view as a store change, which patches it.
      await this.scope.fresh(store.reconcile(conversation.id, serverMessages));
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

  // ---- the call's room and what it says -----------------------------------------------------

  private async joinCall(mode: CallMode, options: StartOptions): Promise<boolean> {
    // A call started during page load continues the stored conversation, not a new one.
    await this.loaded;
    if (this.closed) return false;
    const consented = await (this.options.consent?.() ?? true);
    if (!consented || this.closed) {
      this.call.cancelWaits();
      return false;
    }
    if (!this.options.mayStart(this.view.active ?? null, mode)) {
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
    const { mode } = this.call;
    return () => this.start({ mode, takeOver });
  }

  /** The room of the call (call-room.ts); the conversation it talks in is kept for its transcript. */
  private async room(signal: AbortSignal, options: StartOptions): Promise<JoinOptions> {
    const { api } = this;
    if (!api || !this.config.agentId) {
      throw new KrosaiError('config', 'Set agent-id and session-url (or api-key in development).');
    }
    const { conversation, join } = await callRoom(
      {
        api,
        config: this.config,
        scope: this.scope,
        view: this.view,
        lockName: this.options.deps.callLockName,
      },
      signal,
      options.takeOver,
    );
    this.callConversation = conversation;
    return join;
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
        if (event.state === 'ended' || event.state === 'error')
          this.view.finishInterim(this.call.mode);
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
    this.view.showLive(liveMessage(conversation.id, update), this.call.mode);
    const { segmentId, role, text, final, timestamp } = update;
    const segment = { conversationId: conversation.id, segmentId, role, text, final };
    this.scope.background(
      this.scope.store.then((store) => store.upsertSegment({ ...segment, createdAt: timestamp })),
    );
  }

  /** Awaits `work`; a failure is reported (on screen and as an event) and `fallback` returned. */
  private async reported<T>(work: Promise<T>, fallback: T): Promise<T> {
    try {
      return await work;
    } catch (error) {
      this.errors.report(error);
      return fallback;
    }
  }
}
