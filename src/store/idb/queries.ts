import type { IDBPIndex, IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import { checkedRecords, checkMessage } from '../record-check.js';
import {
  compareMessages,
  messagesOverLimit,
  planConversationPrune,
  planDemotion,
  planSpaceVictim,
} from '../rules.js';
import type {
  MessagePosition,
  RetentionPolicy,
  StoredConversation,
  StoredMessage,
} from '../types.js';
import type { KrosaiDB } from './schema.js';

/** A transaction that may write both stores (reads need only be typed loosely). */
export type WriteTransaction = IDBPTransaction<
  KrosaiDB,
  ('conversations' | 'messages')[],
  'readwrite'
>;
export type MessagesTransaction = IDBPTransaction<KrosaiDB, ['messages'], 'readwrite'>;
/** The messages store, in whichever read-write transaction holds it. */
export type MessageStore = IDBPObjectStore<
  KrosaiDB,
  ArrayLike<StoreNames<KrosaiDB>>,
  'messages',
  'readwrite'
>;

/**
 * Runs `work` in a transaction and resolves once the transaction has committed. When anything
 * fails, that one error is thrown and the aborted transaction's own rejection is not left unhandled.
 */
export async function committed<T>(
  tx: { done: Promise<void> },
  work: () => Promise<T>,
): Promise<T> {
  try {
    const result = await work();
    await tx.done;
    return result;
  } catch (error) {
    tx.done.catch(() => {});
    throw error;
  }
}

/** Every message of one conversation, in primary-key space: [conversationId, any id]. */
export function conversationKeys(conversationId: string): IDBKeyRange {
  // Arrays sort after strings, so [id, []] is above every [id, '…'].
  return IDBKeyRange.bound([conversationId], [conversationId, []]);
}

/** One conversation's messages in the time index. */
export function conversationTimes(conversationId: string): IDBKeyRange {
  return IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
}

export function namespaceRange(namespace: string): IDBKeyRange {
  return IDBKeyRange.bound([namespace, -Infinity], [namespace, Infinity]);
}

/** The messages store's time index, in any transaction. */
export type TimeIndex = IDBPIndex<
  KrosaiDB,
  ArrayLike<StoreNames<KrosaiDB>>,
  'messages',
  'by-conversation-time',
  IDBTransactionMode
>;

/**
 * One page of raw records from the time index, oldest first: the newest `limit` of a
 * conversation's messages, or the newest `limit` strictly before `before`. A handful of requests
 * whatever the page size or the history's length: a key cursor finds the page's two ends (`advance`
 * skips without reading), and one `getAll` reads what lies between them. `hasOlder` tells whether
 * records remain below the page.
 */
export async function readPageBefore(
  index: TimeIndex,
  conversationId: string,
  limit: number,
  before?: MessagePosition,
): Promise<{ records: StoredMessage[]; hasOlder: boolean }> {
  const top: [string, number] = [conversationId, before ? before.createdAt : Infinity];
  let cursor = await index.openKeyCursor(
    IDBKeyRange.bound([conversationId, -Infinity], top),
    'prev',
  );
  // Records of the same time as `before` sort by id: step below `before` and the ids after it.
  if (cursor && before && cursor.key[1] === before.createdAt && cursor.primaryKey[1] >= before.id) {
    if (cursor.primaryKey[1] > before.id) {
      cursor = await cursor.continuePrimaryKey(top, [conversationId, before.id]);
    }
    if (cursor && cursor.key[1] === before.createdAt && cursor.primaryKey[1] === before.id) {
      cursor = await cursor.continue();
    }
  }
  if (!cursor) return { records: [], hasOlder: false };
  const newestKey = cursor.key;
  const newest = { createdAt: cursor.key[1], id: cursor.primaryKey[1] };
  // `limit` records down from the page's newest is the newest record below the page, if any.
  const below = await cursor.advance(limit);
  const oldest = below && { createdAt: below.key[1], id: below.primaryKey[1] };
  const range = IDBKeyRange.bound(below ? below.key : [conversationId, -Infinity], newestKey);
  // The range's ends hold whole times; records sharing a time with an end are cut by id.
  const records = (await index.getAll(range)).filter(
    (record) =>
      compareMessages(record, newest) <= 0 && (!oldest || compareMessages(record, oldest) > 0),
  );
  return { records, hasOlder: Boolean(below) };
}

/** Deletes the oldest messages beyond retention; returns their ids and how many remain. */
export async function pruneMessages(
  messages: MessageStore,
  conversationId: string,
  retention: RetentionPolicy,
): Promise<{ removed: string[]; remaining: number }> {
  const index = messages.index('by-conversation-time');
  const range = conversationTimes(conversationId);
  const count = await index.count(range);
  // The index holds them in message order, oldest first.
  let excess = messagesOverLimit(count, retention);
  const removed: string[] = [];
  let cursor = excess > 0 ? await index.openCursor(range) : null;
  while (cursor && excess > 0) {
    removed.push(cursor.value.id);
    await cursor.delete();
    excess--;
    cursor = await cursor.continue();
  }
  return { removed, remaining: count - removed.length };
}

/** Deletes a conversation and all its messages. */
export async function deleteConversationIn(tx: WriteTransaction, id: string): Promise<void> {
  await Promise.all([
    tx.objectStore('conversations').delete(id),
    tx.objectStore('messages').delete(conversationKeys(id)),
  ]);
}

/** Deletes a namespace's conversations beyond retention, never `keepId`; returns their ids. */
export async function pruneConversations(
  tx: WriteTransaction,
  namespace: string,
  retention: RetentionPolicy,
  keepId?: string,
): Promise<string[]> {
  const inNamespace = await tx
    .objectStore('conversations')
    .index('by-namespace-updated')
    .getAll(namespaceRange(namespace));
  const removed = planConversationPrune(inNamespace, retention, keepId);
  for (const id of removed) await deleteConversationIn(tx, id);
  return removed;
}

/** Puts a conversation, demoting the agent's other current one; returns the demoted ones. */
export async function putConversationIn(
  tx: WriteTransaction,
  conversation: StoredConversation,
): Promise<StoredConversation[]> {
  const store = tx.objectStore('conversations');
  const siblings = conversation.current
    ? await store.index('by-namespace-agent').getAll([conversation.namespace, conversation.agentId])
    : [];
  const demoted = planDemotion(conversation, siblings);
  for (const notCurrent of demoted) await store.put(notCurrent);
  await store.put(conversation);
  return demoted;
}

/** The messages stored near a time, where a server twin of a live message would be. */
export async function messagesAround(
  messages: MessageStore,
  conversationId: string,
  time: number,
  windowMs: number,
): Promise<StoredMessage[]> {
  const around = await messages
    .index('by-conversation-time')
    .getAll(
      IDBKeyRange.bound([conversationId, time - windowMs], [conversationId, time + windowMs]),
    );
  return checkedRecords(around, checkMessage);
}

/**
 * Makes room after a quota error: prunes every namespace to retention and, if that frees nothing,
 * drops the conversation `planSpaceVictim` picks. Returns the ids deleted.
 */
export async function freeSpaceIn(
  tx: WriteTransaction,
  retention: RetentionPolicy,
  keepId?: string,
): Promise<string[]> {
  const all = await tx.objectStore('conversations').getAll();
  const deleted: string[] = [];
  for (const namespace of new Set(all.map((c) => c.namespace))) {
    deleted.push(...(await pruneConversations(tx, namespace, retention, keepId)));
  }
  if (deleted.length > 0) return deleted;
  const victim = planSpaceVictim(all, keepId);
  if (victim !== undefined) {
    await deleteConversationIn(tx, victim);
    deleted.push(victim);
  }
  return deleted;
}
