import type { ReactiveControllerHost } from 'lit';
import { KrosaiMessageEvent, KrosaiTranscriptEvent } from '../events.js';
import type { StoredConversation, StoredMessage } from '../store/types.js';
import { isVisible, upsertMessage } from './messages.js';
import type { Run } from './run.js';

/** Every message the store keeps for a conversation (its retention limit). */
const MESSAGE_LIMIT = 10_000;
/** How many recent final messages the screen-reader log keeps. */
const ANNOUNCE_LIMIT = 5;

/** What the element renders: the conversation on show, its messages and the visitor's history. */
export class ShownConversation {
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
  /** When this widget last chose what to show (new, picked, cleared): older echoes are ignored. */
  lastChoiceAt = 0;

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {}

  /** The shown conversation when it is still active (a call continues it), else none. */
  get active(): StoredConversation | undefined {
    return this.conversation?.status === 'active' ? this.conversation : undefined;
  }

  /** Back to nothing shown, for a new run. */
  reset(): void {
    this.loading = true;
    this.storageWarning = false;
    this.conversations = [];
    this.show(undefined);
  }

  /** Shows a conversation (or none), its messages to be loaded. */
  show(conversation: StoredConversation | undefined): void {
    this.conversation = conversation;
    this.messages = [];
    this.announcements = [];
    this.host.requestUpdate();
  }

  /** Shows a conversation this widget chose (not one followed from elsewhere). */
  choose(conversation: StoredConversation | undefined): void {
    this.lastChoiceAt = Date.now();
    this.show(conversation);
  }

  /** Takes a newer copy of the shown conversation (its status or title changed). */
  refresh(conversation: StoredConversation): void {
    if (this.conversation?.id !== conversation.id) return;
    this.conversation = conversation;
    this.host.requestUpdate();
  }

  /** Reads the shown conversation's messages from the store. */
  async loadMessages(run: Run): Promise<void> {
    const conversation = this.conversation;
    if (!conversation || !run.store) return;
    const store = await run.store;
    const page = await store.messages(conversation.id, { limit: MESSAGE_LIMIT });
    if (run.stale || this.conversation?.id !== conversation.id) return;
    this.messages = page.messages.filter(isVisible);
    this.host.requestUpdate();
  }

  /** Reads the visitor's conversations with this agent from the store. */
  async loadHistory(run: Run): Promise<void> {
    const store = await run.store;
    if (!store) return;
    const all = await store.listConversations(run.config.namespace);
    if (run.stale) return;
    this.conversations = all.filter((c) => c.agentId === run.config.agentId);
    this.host.requestUpdate();
  }

  /** Puts a live message on screen and tells the page (final) or the transcript listeners. */
  showMessage(message: StoredMessage): void {
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
}
