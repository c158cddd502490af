import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { StoredConversation, StoredMessage } from '../types.js';

/** The schema as of the newest version. Older versions are described by the migrations below. */
export interface KrosaiDB extends DBSchema {
  conversations: {
    key: string;
    value: StoredConversation;
    indexes: {
      /** A namespace's conversations by last update: listing (newest first) and retention. */
      'by-namespace-updated': [string, number];
      /** A namespace's conversations with one agent: finding the current one. */
      'by-namespace-agent': [string, string];
    };
  };
  messages: {
    /** [conversationId, id]: ids are only unique within a conversation. */
    key: [string, string];
    value: StoredMessage;
    indexes: {
      /** A conversation's messages in time order: paging and retention. */
      'by-conversation-time': [string, number];
      /** (v2) The message a live segment became, even after a server message replaced it. */
      'by-segment': [string, string];
    };
  };
}

export const DB_VERSION = 2;

export type KrosaiDatabase = IDBPDatabase<KrosaiDB>;
type UpgradeTransaction = IDBPTransaction<KrosaiDB, StoreNames<KrosaiDB>[], 'versionchange'>;
type Migration = (db: KrosaiDatabase, tx: UpgradeTransaction) => void;

/**
 * One step per version, in order; `migrations[n - 1]` brings version n-1 to n. Never edit a step
 * that has shipped: add the next one.
 */
export const MIGRATIONS: readonly Migration[] = [
  // v1: conversations and their messages.
  (db) => {
    const conversations = db.createObjectStore('conversations', { keyPath: 'id' });
    conversations.createIndex('by-namespace-updated', ['namespace', 'updatedAt']);
    conversations.createIndex('by-namespace-agent', ['namespace', 'agentId']);
    const messages = db.createObjectStore('messages', { keyPath: ['conversationId', 'id'] });
    messages.createIndex('by-conversation-time', ['conversationId', 'createdAt']);
  },
  // v2: live transcript segments. v1 stored only finished text, without `state` or `origin`:
  // fill them in, and index segment ids so late updates of a replaced segment are recognised.
  (_db, tx) => {
    const messages = tx.objectStore('messages');
    messages.createIndex('by-segment', ['conversationId', 'segmentId']);
    void backfillMessageState(tx);
  },
];

async function backfillMessageState(tx: UpgradeTransaction) {
  let cursor = await tx.objectStore('messages').openCursor();
  while (cursor) {
    const message = cursor.value as Partial<StoredMessage> & StoredMessage;
    if (message.state === undefined || message.origin === undefined) {
      await cursor.update({
        ...message,
        state: message.state ?? 'final',
        origin: message.origin ?? (message.id.startsWith('live:') ? 'live' : 'server'),
      });
    }
    cursor = await cursor.continue();
  }
}

/** Runs every step between the stored version and the target one, inside the upgrade transaction. */
export function migrate(
  db: KrosaiDatabase,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTransaction,
) {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    MIGRATIONS[version - 1]?.(db, tx);
  }
}
