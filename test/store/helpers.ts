import { deleteDB, openDB } from 'idb';
import type { ConversationMessage } from '../../src/api/types.js';
import { type OpenStoreOptions, openConversationStore } from '../../src/store/open-store.js';
import type {
  ConversationStore,
  LiveSegment,
  StoreChange,
  StoredConversation,
  StoredMessage,
} from '../../src/store/types.js';

/** The two kinds every shared behaviour is tested on: [kind name, the `persist` that opens it]. */
export const STORE_KINDS: [string, OpenStoreOptions['persist']][] = [
  ['indexeddb', 'local'],
  ['memory', 'none'],
];

let counter = 0;

/** A database name no other test uses. */
export function uniqueDbName(): string {
  counter += 1;
  return `krosai-test-${Date.now()}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

const opened: ConversationStore[] = [];
const names = new Set<string>();

/** Opens a store on a fresh (or given) database; `cleanUp` closes it and deletes the database. */
export async function openTestStore(options: OpenStoreOptions = {}): Promise<ConversationStore> {
  const dbName = options.dbName ?? uniqueDbName();
  names.add(dbName);
  const store = await openConversationStore({ batchIntervalMs: 20, ...options, dbName });
  opened.push(store);
  return store;
}

export async function cleanUp(): Promise<void> {
  for (const store of opened.splice(0)) {
    await store.flush().catch(() => {});
    store.close();
  }
  for (const name of [...names]) {
    names.delete(name);
    sessionStorage.removeItem(`krosai-conversation:${name}`);
    await deleteDB(name);
  }
}

const BASE_TIME = Date.UTC(2026, 0, 1);

export function conversation(overrides: Partial<StoredConversation> = {}): StoredConversation {
  return {
    id: 'c1',
    namespace: 'site-a',
    agentId: 'agent-1',
    title: 'Chat',
    status: 'active',
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    current: false,
    ...overrides,
  };
}

export function message(overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: 'm1',
    conversationId: 'c1',
    role: 'user',
    text: 'Hello',
    createdAt: BASE_TIME,
    state: 'final',
    origin: 'live',
    ...overrides,
  };
}

export function segment(overrides: Partial<LiveSegment> = {}): LiveSegment {
  return {
    conversationId: 'c1',
    segmentId: 'SG_1',
    role: 'user',
    text: 'Hello',
    final: false,
    createdAt: BASE_TIME,
    ...overrides,
  };
}

/** A server transcript message `seconds` after the base time. */
export function serverMessage(
  id: string,
  role: ConversationMessage['role'],
  content: string,
  seconds: number | null,
): ConversationMessage {
  return {
    id,
    conversationId: 'c1',
    role,
    content,
    createdAt: seconds === null ? null : new Date(at(seconds)),
  };
}

export function at(seconds: number): number {
  return BASE_TIME + seconds * 1000;
}

/** The texts of a conversation's messages, oldest first. */
export async function texts(store: ConversationStore, conversationId = 'c1'): Promise<string[]> {
  const page = await store.messages(conversationId, { limit: 1000 });
  return page.messages.map((m) => m.text);
}

/**
 * The texts IndexedDB itself holds for a conversation, oldest first: what a reload would find. It
 * tells a store that kept to IndexedDB from one that fell back to memory.
 */
export async function durableTexts(dbName: string, conversationId = 'c1'): Promise<string[]> {
  names.add(dbName);
  const db = await openDB(dbName);
  try {
    if (!db.objectStoreNames.contains('messages')) return [];
    const range = IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
    const stored = await db.getAllFromIndex('messages', 'by-conversation-time', range);
    return stored.map((m: StoredMessage) => m.text);
  } finally {
    db.close();
  }
}

/** Collects the changes a store reports. */
export function recordChanges(store: ConversationStore): StoreChange[] {
  const changes: StoreChange[] = [];
  store.subscribe((change) => changes.push(change));
  return changes;
}
