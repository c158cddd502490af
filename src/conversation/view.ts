import type { Conversation } from '../api/types.js';
import type { ConversationConfig } from '../config/resolve-config.js';
import type { StoreChange, StoredConversation, StoredMessage } from '../store/types.js';
import type { CallMode } from './call-machine.js';
import { isVisible, patchMessages, upsertMessage } from './messages.js';
import { saveStatus } from './records.js';
import { type SessionScope, UPDATE } from './scope.js';

/**
 * How many messages one read brings: the newest page is what the first frame shows, and each older
 * page is read as the visitor scrolls up. A few screens' worth, so the cost of opening a
 * conversation does not grow with its history.
 */
export const PAGE_SIZE = 50;
/** How many recent final messages the screen-reader log keeps. */
const ANNOUNCE_LIMIT = 5;

/** What the view asks of the call: whether one holds (or is setting up) the conversation. */
export interface CallPresence {
  /** A room is held or being joined. */
  readonly live: boolean;
  /** Live, or being set up. */
  readonly busy: boolean;
}

/**
 * What the element renders of one conversation session (the conversation on show, its messages,
 * the visitor's history) and how it stays in step with the store, whoever writes to it: this
 * widget, another widget, another tab.
 */
export class ConversationView {
  /** True until the stored conversation (if any) is on screen; without an agent there is none. */
  loading: boolean;
  conversation: StoredConversation | undefined;
  /** The shown conversation's visible messages read so far (the newest pages), oldest first. */
  messages: StoredMessage[] = [];
  /** Older messages than `messages` are stored and not read yet. */
  hasOlder = false;
  /** An older page is being read. */
  loadingOlder = false;
  /** The visitor's conversations with this agent, newest first. */
  conversations: StoredConversation[] = [];
  /** History cannot outlive the page (IndexedDB unavailable). */
  storageWarning = false;
  /** The last few final messages that arrived live, for the `role="log"` region. */
  announcements: StoredMessage[] = [];
  /** When this widget last chose what to show (new, picked, cleared): older echoes are ignored. */
  private lastChoiceAt = 0;
  /**
   * Counts the times the messages read were replaced or cut, so an older page asked for before
   * is not merged after (it would leave a gap).
   */
  private generation = 0;

  constructor(
    private readonly scope: SessionScope,
    private readonly config: ConversationConfig,
    private readonly call: CallPresence,
  ) {
    this.loading = Boolean(config.agentId);
  }

  /** The shown conversation when it is still active (a call continues it), else none. */
  get active(): StoredConversation | undefined {
    return this.conversation?.status === 'active' ? this.conversation : undefined;
  }

  /** Shows a conversation (or none), its messages to be loaded. */
  show(conversation: StoredConversation | undefined): void {
    this.conversation = conversation;
    this.messages = [];
    this.hasOlder = false;
    this.generation++;
    this.announcements = [];
    this.scope.emit(UPDATE);
  }

  /** Shows a conversation this widget chose (not one followed from elsewhere). */
  choose(conversation: StoredConversation | undefined): void {
    this.lastChoiceAt = Date.now();
    this.show(conversation);
  }

  /** Puts a live message on screen; the page hears a final one as a message, else a transcript. */
  showLive(message: StoredMessage, mode: CallMode): void {
    if (this.conversation?.id === message.conversationId) {
      this.messages = upsertMessage(this.messages, message);
    }
    if (message.state === 'final') {
      this.announcements = [...this.announcements, message].slice(-ANNOUNCE_LIMIT);
    }
    this.scope.emit({ type: message.state === 'final' ? 'message' : 'transcript', message, mode });
  }

  /**
   * The call ended with words still interim (a hang-up mid-sentence): they are final as they
   * stand, never left "still listening"; the server's transcript replaces them on reconcile.
   */
  finishInterim(mode: CallMode): void {
    for (const message of this.messages) {
      if (message.state !== 'interim' || !message.segmentId || message.role === 'system') continue;
      const { conversationId, segmentId, role, text, createdAt } = message;
      this.showLive({ ...message, state: 'final' }, mode);
      const segment = { conversationId, segmentId, role, text, final: true, createdAt };
      this.scope.background(this.scope.store.then((store) => store.upsertSegment(segment)));
    }
  }

  /** Records what the server says of a conversation: its status, and its title if it has one. */
  recordRemote(local: StoredConversation, remote: Conversation) {
    return this.recordStatus(local, remote.status, remote.title || local.title);
  }

  /** Records a status (and title) of a stored conversation, and shows it if it is on screen. */
  async recordStatus(local: StoredConversation, status: string, title?: string) {
    const store = await this.scope.openStore();
    const saved = await this.scope.fresh(saveStatus(store, local, status, title));
    if (saved) this.refresh(saved);
    return saved;
  }

  /** Reads the shown conversation's newest page of messages from the store. */
  async loadMessages(): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) return;
    const read = ++this.generation;
    const store = await this.scope.openStore();
    const page = await this.scope.fresh(store.messages(conversation.id, { limit: PAGE_SIZE }));
    if (read !== this.generation || this.conversation?.id !== conversation.id) return;
    this.messages = page.messages.filter(isVisible);
    this.hasOlder = page.hasOlder;
    this.scope.emit(UPDATE);
  }

  /** Reads the page before the oldest message shown (the visitor scrolled up to it). */
  async loadOlder(): Promise<void> {
    const conversation = this.conversation;
    const oldest = this.messages[0];
    if (!conversation || !oldest || !this.hasOlder || this.loadingOlder) return;
    const read = this.generation;
    this.loadingOlder = true;
    this.scope.emit(UPDATE);
    try {
      const store = await this.scope.openStore();
      const page = await this.scope.fresh(
        store.messages(conversation.id, { limit: PAGE_SIZE, before: oldest }),
      );
      if (read !== this.generation || this.conversation?.id !== conversation.id) return;
      // Merged, not prepended: a change may have brought one of these messages meanwhile.
      this.messages = patchMessages(this.messages, page.messages);
      this.hasOlder = page.hasOlder;
    } finally {
      this.loadingOlder = false;
      this.scope.emit(UPDATE);
    }
  }

  /**
   * Forgets all but the newest page of the messages read once more than two pages are: the
   * visitor is at the end (a long call adds hundreds), and what they scroll back to is read again.
   */
  keepNewest(): void {
    if (this.messages.length <= 2 * PAGE_SIZE) return;
    this.messages = this.messages.slice(-PAGE_SIZE);
    this.hasOlder = true;
    this.generation++;
    this.scope.emit(UPDATE);
  }

  /** Reads the visitor's conversations with this agent from the store. */
  async loadHistory(): Promise<void> {
    const store = await this.scope.openStore();
    const all = await this.scope.fresh(store.listConversations(this.config.namespace));
    this.conversations = all.filter((c) => c.agentId === this.config.agentId);
    this.scope.emit(UPDATE);
  }

  /** Leaves the shown conversation as history; the next engagement creates a new one. */
  async leave(): Promise<void> {
    const left = this.conversation;
    if (!left) return;
    const store = await this.scope.openStore();
    await this.scope.fresh(store.putConversation({ ...left, current: false }));
    this.choose(undefined);
    this.scope.emit({ type: 'conversation-changed', conversation: null });
    await this.loadHistory();
  }

  /** Shows an earlier conversation (from the history view) as the current one. */
  async select(id: string): Promise<StoredConversation | undefined> {
    const store = await this.scope.openStore();
    const found = await this.scope.fresh(store.getConversation(id));
    if (!found) return undefined;
    const current = { ...found, current: true };
    await this.scope.fresh(store.putConversation(current));
    this.choose(current);
    this.scope.emit({ type: 'conversation-changed', conversation: current });
    await this.loadMessages();
    return current;
  }

  /** Forgets every conversation of this namespace in this browser. */
  async clear(): Promise<void> {
    const store = await this.scope.openStore();
    const hadConversation = Boolean(this.conversation);
    await this.scope.fresh(store.clear(this.config.namespace));
    this.conversations = [];
    this.choose(undefined);
    if (hadConversation) this.scope.emit({ type: 'conversation-changed', conversation: null });
  }

  /** A change to the store, by this tab or another: keep what is on screen up to date. */
  onStoreChange(change: StoreChange): void {
    const { scope } = this;
    const shownId = this.conversation?.id;
    switch (change.type) {
      case 'messages':
        if (change.conversationId !== shownId) return;
        if (change.messages || change.removedIds) {
          this.patch(change.messages ?? [], change.removedIds);
        } else if (!this.call.live) {
          scope.background(this.loadMessages());
        }
        return;
      case 'conversation':
        if (change.conversationId === shownId && change.conversation) {
          this.refresh(change.conversation);
        } else {
          scope.background(this.followOtherTab(change.conversation));
        }
        scope.background(this.loadHistory());
        return;
      case 'deleted':
        if (change.conversationId === shownId) this.show(undefined);
        scope.background(this.loadHistory());
        return;
      case 'cleared':
        if (change.namespace === null || change.namespace === this.config.namespace) {
          this.conversations = [];
          this.show(undefined);
        }
    }
  }

  /**
   * Applies what changed in the store to the messages read so far, without reading them again.
   * Messages older than the pages read are left to their page; if a change removed every message
   * shown while older ones remain, the newest page is read again.
   */
  private patch(updates: readonly StoredMessage[], removedIds: readonly string[] | undefined) {
    const from = this.hasOlder ? this.messages[0] : undefined;
    this.messages = patchMessages(this.messages, updates, removedIds, from);
    if (this.messages.length === 0 && this.hasOlder) this.scope.background(this.loadMessages());
    this.scope.emit(UPDATE);
  }

  /** Takes a newer copy of the shown conversation (its status or title changed). */
  private refresh(conversation: StoredConversation): void {
    if (this.conversation?.id !== conversation.id) return;
    this.conversation = conversation;
    this.scope.emit(UPDATE);
  }

  /**
   * Another tab (or widget) made a different conversation current: show it here too, unless a
   * call is live here or the change predates this widget's own latest choice (a late echo of a
   * write it has since overridden, such as a status saved just before "new conversation").
   */
  private async followOtherTab(changed: StoredConversation | undefined): Promise<void> {
    if (this.call.busy) return;
    const { namespace, agentId } = this.config;
    const store = await this.scope.openStore();
    const current =
      changed ?? (await this.scope.fresh(store.currentConversation(namespace, agentId)));
    if (
      !current?.current ||
      current.namespace !== namespace ||
      current.agentId !== agentId ||
      current.updatedAt <= this.lastChoiceAt ||
      current.id === this.conversation?.id ||
      this.call.live
    ) {
      return;
    }
    this.show(current);
    this.scope.emit({ type: 'conversation-changed', conversation: current });
    await this.loadMessages();
  }
}
