import type { ConversationMessage } from '../../api/types.js';
import type { KrosaiError } from '../../errors.js';
import { ChangeFeed } from '../change-feed.js';
import { checkConversation, checkedRecords, checkMessage } from '../record-check.js';
import {
  applySegment,
  compareConversations,
  messagesOverLimit,
  pageLimit,
  planReconcile,
} from '../rules.js';
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
} from '../types.js';
import type { Connection } from './connection.js';
import { isQuotaExceeded, toStorageError } from './errors.js';
import {
  committed,
  conversationKeys,
  conversationTimes,
  deleteConversationIn,
  freeSpaceIn,
  type MessageStore,
  namespaceRange,
  pruneConversations,
  pruneMessages,
  putConversationIn,
  readPageBefore,
} from './queries.js';
import type { KrosaiDatabase } from './schema.js';
import { SegmentBatch } from './segment-batch.js';
import { type SegmentOutcome, segmentChanges, writeSegment } from './segment-writes.js';

export interface IdbStoreOptions {
  connection: Connection;
  retention: RetentionPolicy;
  /** The BroadcastChannel other instances of the same database listen on. */
  channelName: string;
  /** How long streaming updates wait to be written together. */
  batchIntervalMs: number;
  /** A write nobody awaits (a timed batch) failed for good. */
  onBackgroundError: (error: KrosaiError) => void;
}

const segmentKey = (conversationId: string, segmentId: string) =>
  `${conversationId}\u0000${segmentId}`;

/** The visitor's history in IndexedDB: durable, and shared with other tabs as it changes. */
export class IdbStore implements ConversationStore {
  private readonly connection: Connection;
  private readonly retention: RetentionPolicy;
  private readonly feed: ChangeFeed;
  private readonly batch: SegmentBatch;
  /** The latest state of each live segment this tab streamed, so updates need no read. */
  private readonly segments = new Map<string, StoredMessage>();
  /** An upper bound on each conversation's message count, so retention rarely needs a count. */
  private readonly messageCounts = new Map<string, number>();

  constructor(options: IdbStoreOptions) {
    this.connection = options.connection;
    this.retention = options.retention;
    this.feed = new ChangeFeed(options.channelName, (change) => this.forgetRemote(change));
    this.batch = new SegmentBatch(
      (messages) => this.writeSegments(messages),
      options.batchIntervalMs,
      (error) => options.onBackgroundError(toStorageError(error)),
    );
  }

  async currentConversation(namespace: string, agentId: string) {
    const candidates = await this.read((db) =>
      db.getAllFromIndex('conversations', 'by-namespace-agent', [namespace, agentId]),
    );
    return checkedRecords(candidates, checkConversation)
      .filter((conversation) => conversation.current)
      .sort(compareConversations)[0];
  }

  async listConversations(namespace: string) {
    const oldestFirst = await this.read((db) =>
      db.getAllFromIndex('conversations', 'by-namespace-updated', namespaceRange(namespace)),
    );
    return checkedRecords(oldestFirst, checkConversation).sort(compareConversations);
  }

  async getConversation(id: string) {
    return checkConversation(await this.read((db) => db.get('conversations', id)));
  }

  async putConversation(conversation: StoredConversation) {
    const stored = { ...conversation };
    const { demoted, pruned } = await this.write(async (db) => {
      const tx = db.transaction(['conversations', 'messages'], 'readwrite');
      return committed(tx, async () => {
        const demoted = await putConversationIn(tx, stored);
        const pruned = await pruneConversations(tx, stored.namespace, this.retention, stored.id);
        return { demoted, pruned };
      });
    }, stored.id);
    for (const other of demoted) {
      this.feed.publish({ type: 'conversation', conversationId: other.id, conversation: other });
    }
    this.feed.publish({ type: 'conversation', conversationId: stored.id, conversation: stored });
    for (const id of pruned) this.published({ type: 'deleted', conversationId: id });
  }

  async messages(conversationId: string, options: MessagePageOptions = {}): Promise<MessagePage> {
    // Reads see every update accepted so far, including a batch being written right now.
    await this.flush();
    const limit = pageLimit(options.limit);
    return this.read(async (db) => {
      const index = db.transaction('messages').store.index('by-conversation-time');
      let page: StoredMessage[] = [];
      let before = options.before;
      let hasOlder = true;
      // Records that fail the check are passed over: they take no place on the page, so a page
      // short of them reads on (rarely: only a damaged database holds such records).
      while (page.length < limit && hasOlder) {
        const read = await readPageBefore(index, conversationId, limit - page.length, before);
        page = [...checkedRecords(read.records, checkMessage), ...page];
        hasOlder = read.hasOlder;
        before = read.records[0];
        if (!before) break;
      }
      return { messages: page, hasOlder };
    });
  }

  async summary(conversationId: string): Promise<ConversationSummary> {
    await this.flush();
    return this.read(async (db) => {
      const index = db.transaction('messages').store.index('by-conversation-time');
      const range = conversationTimes(conversationId);
      const count = await index.count(range);
      // System messages are never stored (addMessage and reconcile drop them): the first is shown.
      for (let cursor = await index.openCursor(range); cursor; cursor = await cursor.continue()) {
        const first = checkMessage(cursor.value);
        if (first && first.role !== 'system') return { count, first };
      }
      return { count };
    });
  }

  async addMessage(message: StoredMessage) {
    if (message.role === 'system') return;
    const stored = { ...message };
    const removedIds = await this.write(async (db) => {
      const tx = db.transaction('messages', 'readwrite');
      return committed(tx, async () => {
        await tx.store.put(stored);
        return this.pruneIfNeeded(tx.store, stored.conversationId, 1);
      });
    }, stored.conversationId);
    this.feed.publish({
      type: 'messages',
      conversationId: stored.conversationId,
      messages: [stored],
      ...(removedIds.length > 0 && { removedIds }),
    });
  }

  async upsertSegment(segment: LiveSegment): Promise<StoredMessage> {
    const key = segmentKey(segment.conversationId, segment.segmentId);
    const known = this.segments.get(key);
    const next = applySegment(known, segment);
    if (!next) return { ...known! };
    this.segments.set(key, next);
    this.batch.add(next);
    // This tab renders now; other tabs hear of it when the batch is written.
    this.feed.notify({
      type: 'messages',
      conversationId: next.conversationId,
      messages: [{ ...next }],
    });
    return { ...next };
  }

  async reconcile(conversationId: string, serverMessages: ConversationMessage[]) {
    await this.flush();
    const plan = await this.write(async (db) => {
      const tx = db.transaction('messages', 'readwrite');
      return committed(tx, async () => {
        const stored = checkedRecords(
          await tx.store.getAll(conversationKeys(conversationId)),
          checkMessage,
        );
        const plan = planReconcile(conversationId, stored, serverMessages, Date.now());
        await Promise.all([
          ...plan.removedIds.map((id) => tx.store.delete([conversationId, id])),
          ...plan.put.map((message) => tx.store.put(message)),
        ]);
        const pruned = await this.pruneIfNeeded(tx.store, conversationId, plan.put.length);
        return { ...plan, pruned };
      });
    }, conversationId);
    for (const message of plan.put) {
      if (message.segmentId)
        this.segments.set(segmentKey(conversationId, message.segmentId), message);
    }
    const removedIds = [...plan.removedIds, ...plan.pruned];
    if (plan.put.length === 0 && removedIds.length === 0) return;
    const messages = plan.put.filter((message) => !plan.pruned.includes(message.id));
    this.feed.publish({ type: 'messages', conversationId, messages, removedIds });
  }

  async clear(namespace?: string) {
    await this.flush();
    await this.write(async (db) => {
      const tx = db.transaction(['conversations', 'messages'], 'readwrite');
      await committed(tx, async () => {
        if (namespace === undefined) {
          await tx.objectStore('conversations').clear();
          await tx.objectStore('messages').clear();
          return;
        }
        const ids = await tx
          .objectStore('conversations')
          .index('by-namespace-updated')
          .getAllKeys(namespaceRange(namespace));
        for (const id of ids) await deleteConversationIn(tx, id);
      });
    });
    this.published({ type: 'cleared', namespace: namespace ?? null });
  }

  flush(): Promise<void> {
    return this.batch.flush();
  }

  subscribe(listener: (change: StoreChange) => void) {
    return this.feed.subscribe(listener);
  }

  close() {
    // Pending updates still go out; the connection closes once they are written.
    const closing = this.batch.flush().catch(() => {});
    this.batch.close();
    void closing.then(() => {
      this.feed.close();
      this.connection.close();
    });
  }

  /** One transaction for a whole batch of segment updates. */
  private async writeSegments(batch: StoredMessage[]) {
    const { outcomes, pruned } = await this.write(async (db) => {
      const tx = db.transaction('messages', 'readwrite');
      return committed(tx, async () => {
        const outcomes: SegmentOutcome[] = [];
        for (const message of batch) outcomes.push(await writeSegment(tx, message));
        const pruned = new Map<string, string[]>();
        for (const conversationId of new Set(batch.map((m) => m.conversationId))) {
          const added = batch.filter((m) => m.conversationId === conversationId).length;
          pruned.set(conversationId, await this.pruneIfNeeded(tx.store, conversationId, added));
        }
        return { outcomes, pruned };
      });
    });
    this.announceSegments(outcomes, pruned);
  }

  /** Corrects this tab where the database knew better, and tells the other tabs everything. */
  private announceSegments(outcomes: SegmentOutcome[], pruned: Map<string, string[]>) {
    const { corrections, summary } = segmentChanges(outcomes, pruned);
    for (const { sent, stored } of outcomes) {
      if (stored !== sent)
        this.segments.set(segmentKey(sent.conversationId, sent.segmentId!), stored);
    }
    for (const change of corrections) this.feed.notify(change);
    for (const change of summary) this.feed.broadcast(change);
  }

  /** Prunes a conversation's oldest messages when it may have outgrown retention. */
  private async pruneIfNeeded(
    messages: MessageStore,
    conversationId: string,
    added: number,
  ): Promise<string[]> {
    const estimate = this.messageCounts.get(conversationId);
    if (estimate !== undefined && messagesOverLimit(estimate + added, this.retention) === 0) {
      this.messageCounts.set(conversationId, estimate + added);
      return [];
    }
    const { removed, remaining } = await pruneMessages(messages, conversationId, this.retention);
    this.messageCounts.set(conversationId, remaining);
    return removed;
  }

  /** Runs a read (or a write's retry), reporting failures as KrosaiErrors. */
  private async read<T>(run: (db: KrosaiDatabase) => Promise<T>): Promise<T> {
    try {
      return await run(await this.connection.get());
    } catch (error) {
      throw toStorageError(error);
    }
  }

  /**
   * Runs a write. When the quota is exceeded, frees space by retention (and, if that frees
   * nothing, by dropping the oldest conversation other than `keepId`) and retries once.
   */
  private async write<T>(run: (db: KrosaiDatabase) => Promise<T>, keepId?: string): Promise<T> {
    try {
      return await run(await this.connection.get());
    } catch (error) {
      if (!isQuotaExceeded(error)) throw toStorageError(error);
    }
    await this.freeSpace(keepId).catch(() => {});
    return this.read(run);
  }

  private async freeSpace(keepId?: string) {
    const deleted = await this.read(async (db) => {
      const tx = db.transaction(['conversations', 'messages'], 'readwrite');
      return committed(tx, () => freeSpaceIn(tx, this.retention, keepId));
    });
    for (const id of deleted) this.published({ type: 'deleted', conversationId: id });
  }

  /** Publishes a removal, and forgets what this instance remembered of it. */
  private published(change: StoreChange) {
    this.forgetRemote(change);
    this.feed.publish(change);
  }

  /** Another instance deleted or cleared: drop the segment and count caches it invalidates. */
  private forgetRemote(change: StoreChange) {
    if (change.type === 'deleted' || change.type === 'cleared') {
      this.segments.clear();
      this.messageCounts.clear();
    }
  }
}
