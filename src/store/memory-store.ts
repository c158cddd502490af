import type { ConversationMessage } from '../api/types.js';
import { ChangeFeed } from './change-feed.js';
import {
  applySegment,
  compareConversations,
  compareMessages,
  findServerTwin,
  liveMessageId,
  messagesOverLimit,
  pageBefore,
  planConversationPrune,
  planDemotion,
  planReconcile,
  resolveRetention,
} from './rules.js';
import type {
  ConversationStore,
  ConversationSummary,
  LiveSegment,
  MessagePage,
  MessagePageOptions,
  RetentionPolicy,
  StoreChange,
  StoredConversation,
  StoredMessage,
} from './types.js';

/** Everything a memory store holds, as plain data (for sessionStorage snapshots). */
export interface MemorySnapshot {
  conversations: StoredConversation[];
  messages: StoredMessage[];
}

/**
 * History kept in this page's memory: the store when persistence is off, and the fallback when
 * IndexedDB is missing, refused or broken. Same behaviour as the IndexedDB store, minus durability
 * and cross-tab sync.
 */
export class MemoryStore implements ConversationStore {
  private readonly conversations = new Map<string, StoredConversation>();
  private readonly messagesByConversation = new Map<string, Map<string, StoredMessage>>();
  private readonly feed = new ChangeFeed();
  private readonly retention: RetentionPolicy;

  private readonly onChange: (() => void) | undefined;
  private readonly onClose: (() => void) | undefined;

  /** `onChange` runs after every change and `onClose` on close, e.g. to snapshot the store. */
  constructor(
    retention: Partial<RetentionPolicy> = {},
    hooks: { onChange?: () => void; onClose?: () => void } = {},
  ) {
    this.retention = resolveRetention(retention);
    this.onChange = hooks.onChange;
    this.onClose = hooks.onClose;
  }

  async currentConversation(namespace: string, agentId: string) {
    return this.inNamespace(namespace).find((c) => c.agentId === agentId && c.current);
  }

  async listConversations(namespace: string) {
    return this.inNamespace(namespace);
  }

  async getConversation(id: string) {
    const found = this.conversations.get(id);
    return found && { ...found };
  }

  async putConversation(conversation: StoredConversation) {
    for (const demoted of planDemotion(conversation, this.conversations.values())) {
      this.conversations.set(demoted.id, demoted);
      this.emit({ type: 'conversation', conversationId: demoted.id, conversation: { ...demoted } });
    }
    const stored = { ...conversation };
    this.conversations.set(stored.id, stored);
    this.emit({ type: 'conversation', conversationId: stored.id, conversation: { ...stored } });
    this.pruneConversations(stored.namespace, stored.id);
  }

  async messages(conversationId: string, options?: MessagePageOptions) {
    return this.page(conversationId, options);
  }

  async summary(conversationId: string): Promise<ConversationSummary> {
    const sorted = this.sorted(conversationId).filter((message) => message.role !== 'system');
    const first = sorted[0];
    return first ? { count: sorted.length, first: { ...first } } : { count: 0 };
  }

  async addMessage(message: StoredMessage) {
    if (message.role === 'system') return;
    this.keep({ ...message });
  }

  async upsertSegment(segment: LiveSegment): Promise<StoredMessage> {
    const messages = this.messageMap(segment.conversationId);
    const stored =
      messages.get(liveMessageId(segment.segmentId)) ??
      [...messages.values()].find((m) => m.segmentId === segment.segmentId);
    const next = applySegment(stored, segment);
    if (!next) return { ...stored! };
    const twin = next.state === 'final' ? findServerTwin(messages.values(), next) : undefined;
    if (twin) {
      const linked = { ...twin, segmentId: segment.segmentId };
      messages.set(linked.id, linked);
      messages.delete(next.id);
      this.emit({
        type: 'messages',
        conversationId: segment.conversationId,
        messages: [{ ...linked }],
        removedIds: [next.id],
      });
      return { ...linked };
    }
    this.keep(next);
    return { ...next };
  }

  async reconcile(conversationId: string, serverMessages: ConversationMessage[]) {
    const messages = this.messageMap(conversationId);
    const plan = planReconcile(conversationId, [...messages.values()], serverMessages, Date.now());
    if (plan.put.length === 0 && plan.removedIds.length === 0) return;
    for (const id of plan.removedIds) messages.delete(id);
    for (const message of plan.put) messages.set(message.id, { ...message });
    const pruned = this.pruneMessages(conversationId);
    this.emit({
      type: 'messages',
      conversationId,
      messages: plan.put.filter((m) => messages.has(m.id)),
      removedIds: [...plan.removedIds, ...pruned],
    });
  }

  async clear(namespace?: string) {
    this.dropNamespace(namespace ?? null);
    this.emit({ type: 'cleared', namespace: namespace ?? null });
  }

  async flush() {}

  subscribe(listener: (change: StoreChange) => void) {
    return this.feed.subscribe(listener);
  }

  close() {
    this.feed.close();
    this.onClose?.();
  }

  /** Records what another store read or wrote, without telling anyone: a silent copy. */
  remember(records: { conversations?: StoredConversation[]; messages?: StoredMessage[] }) {
    for (const conversation of records.conversations ?? []) {
      this.conversations.set(conversation.id, { ...conversation });
    }
    for (const message of records.messages ?? []) {
      this.messageMap(message.conversationId).set(message.id, { ...message });
    }
    this.onChange?.();
  }

  /** Applies a change another store made, without telling anyone: keeps a silent copy current. */
  applyChange(change: StoreChange) {
    switch (change.type) {
      case 'conversation':
        if (change.conversation) this.remember({ conversations: [change.conversation] });
        break;
      case 'messages': {
        const messages = this.messageMap(change.conversationId);
        for (const id of change.removedIds ?? []) messages.delete(id);
        this.remember({ messages: change.messages ?? [] });
        break;
      }
      case 'deleted':
        this.drop(change.conversationId);
        this.onChange?.();
        break;
      case 'cleared':
        this.dropNamespace(change.namespace);
        this.onChange?.();
        break;
    }
  }

  snapshot(): MemorySnapshot {
    return {
      conversations: [...this.conversations.values()],
      messages: [...this.messagesByConversation.values()].flatMap((map) => [...map.values()]),
    };
  }

  private emit(change: StoreChange) {
    this.onChange?.();
    this.feed.notify(change);
  }

  /** Stores a message, prunes past retention, and reports both. */
  private keep(message: StoredMessage) {
    this.messageMap(message.conversationId).set(message.id, message);
    const removedIds = this.pruneMessages(message.conversationId);
    this.emit({
      type: 'messages',
      conversationId: message.conversationId,
      messages: [{ ...message }],
      ...(removedIds.length > 0 && { removedIds }),
    });
  }

  /** Forgets a conversation and its messages. */
  private drop(conversationId: string) {
    this.conversations.delete(conversationId);
    this.messagesByConversation.delete(conversationId);
  }

  /** Forgets a namespace's conversations, or everything (orphaned messages too) for `null`. */
  private dropNamespace(namespace: string | null) {
    if (namespace === null) {
      this.conversations.clear();
      this.messagesByConversation.clear();
      return;
    }
    for (const conversation of [...this.conversations.values()]) {
      if (conversation.namespace === namespace) this.drop(conversation.id);
    }
  }

  private inNamespace(namespace: string): StoredConversation[] {
    return [...this.conversations.values()]
      .filter((c) => c.namespace === namespace)
      .sort(compareConversations)
      .map((c) => ({ ...c }));
  }

  private messageMap(conversationId: string): Map<string, StoredMessage> {
    let messages = this.messagesByConversation.get(conversationId);
    if (!messages) {
      messages = new Map();
      this.messagesByConversation.set(conversationId, messages);
    }
    return messages;
  }

  private sorted(conversationId: string): StoredMessage[] {
    return [...(this.messagesByConversation.get(conversationId)?.values() ?? [])].sort(
      compareMessages,
    );
  }

  private page(conversationId: string, options: MessagePageOptions = {}): MessagePage {
    const page = pageBefore(this.sorted(conversationId), options.limit, options.before);
    return { messages: page.messages.map((m) => ({ ...m })), hasOlder: page.hasOlder };
  }

  /** Drops the oldest messages beyond the retention limit; returns their ids. */
  private pruneMessages(conversationId: string): string[] {
    const messages = this.messageMap(conversationId);
    const excess = messagesOverLimit(messages.size, this.retention);
    if (excess === 0) return [];
    const removed = this.sorted(conversationId)
      .slice(0, excess)
      .map((m) => m.id);
    for (const id of removed) messages.delete(id);
    return removed;
  }

  /** Drops the namespace's least recently updated conversations beyond the retention limit. */
  private pruneConversations(namespace: string, keepId: string) {
    for (const id of planConversationPrune(this.inNamespace(namespace), this.retention, keepId)) {
      this.drop(id);
      this.emit({ type: 'deleted', conversationId: id });
    }
  }
}
