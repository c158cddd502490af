import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import { checkedRecords, checkMessage } from './record-check.js';
import type { KrosaiDB } from './schema.js';
import type { StoredConversation, StoredMessage } from './types.js';

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

/**
 * One conversation's messages in the time index, optionally only those up to a time (`inclusive`
 * when messages at that very time may still qualify, by id).
 */
export function conversationTimes(
  conversationId: string,
  before?: number,
  inclusive = false,
): IDBKeyRange {
  return before === undefined
    ? IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity])
    : IDBKeyRange.bound([conversationId, -Infinity], [conversationId, before], false, !inclusive);
}

export function namespaceRange(namespace: string): IDBKeyRange {
  return IDBKeyRange.bound([namespace, -Infinity], [namespace, Infinity]);
}

/** Deletes the oldest messages beyond `max`; returns their ids and how many remain. */
export async function pruneMessages(
  messages: MessageStore,
  conversationId: string,
  max: number,
): Promise<{ removed: string[]; remaining: number }> {
  const index = messages.index('by-conversation-time');
  const range = conversationTimes(conversationId);
  const count = await index.count(range);
  let excess = count - max;
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

/**
 * Deletes a namespace's least recently updated conversations beyond `max`, never `keepId`.
 * Returns the ids deleted.
 */
export async function pruneConversations(
  tx: WriteTransaction,
  namespace: string,
  max: number,
  keepId?: string,
): Promise<string[]> {
  const inNamespace = await tx
    .objectStore('conversations')
    .index('by-namespace-updated')
    .getAll(namespaceRange(namespace));
  let excess = inNamespace.length - max;
  const removed: string[] = [];
  for (const conversation of inNamespace) {
    if (excess <= 0) break;
    if (conversation.id === keepId) continue;
    await deleteConversationIn(tx, conversation.id);
    removed.push(conversation.id);
    excess--;
  }
  return removed;
}

/** Puts a conversation; `current` demotes the namespace's other current one for the agent. */
export async function putConversationIn(
  tx: WriteTransaction,
  conversation: StoredConversation,
): Promise<StoredConversation[]> {
  const store = tx.objectStore('conversations');
  const demoted: StoredConversation[] = [];
  if (conversation.current) {
    const siblings = await store
      .index('by-namespace-agent')
      .getAll([conversation.namespace, conversation.agentId]);
    for (const sibling of siblings) {
      if (sibling.id === conversation.id || !sibling.current) continue;
      const notCurrent = { ...sibling, current: false };
      demoted.push(notCurrent);
      await store.put(notCurrent);
    }
  }
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
 * Makes room after a quota error: prunes every namespace to the retention limit and, if that frees
 * nothing, drops the least recently updated conversation other than `keepId`, preferring one that
 * is not current. Returns the ids deleted.
 */
export async function freeSpaceIn(
  tx: WriteTransaction,
  maxConversations: number,
  keepId?: string,
): Promise<string[]> {
  const all = await tx.objectStore('conversations').getAll();
  const deleted: string[] = [];
  for (const namespace of new Set(all.map((c) => c.namespace))) {
    deleted.push(...(await pruneConversations(tx, namespace, maxConversations, keepId)));
  }
  if (deleted.length > 0) return deleted;
  const oldest = all
    .filter((c) => c.id !== keepId)
    .sort((a, b) => Number(a.current) - Number(b.current) || a.updatedAt - b.updatedAt)[0];
  if (oldest) {
    await deleteConversationIn(tx, oldest.id);
    deleted.push(oldest.id);
  }
  return deleted;
}
