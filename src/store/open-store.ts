import { KrosaiError } from '../errors.js';
import { Connection } from './idb/connection.js';
import { toStorageError } from './idb/errors.js';
import { IdbStore } from './idb/store.js';
import { MemoryStore } from './memory-store.js';
import { ResilientStore } from './resilient-store.js';
import { resolveRetention } from './rules.js';
import { openSessionStore } from './session-snapshot.js';
import type { ConversationStore, RetentionPolicy } from './types.js';

export const DEFAULT_DB_NAME = 'krosai-conversation';

export interface OpenStoreOptions {
  /**
   * `local`: IndexedDB, durable and shared across tabs (default). `session`: in memory, copied to
   * sessionStorage so it survives reloads of this tab only. `none`: in memory only.
   */
  persist?: 'local' | 'session' | 'none';
  /** The IndexedDB database (and BroadcastChannel) name. */
  dbName?: string;
  retention?: Partial<RetentionPolicy>;
  /** The factory to open with; tests wrap it to simulate failures. */
  indexedDB?: IDBFactory;
  /** Told when history falls back to memory: `storage-unavailable` or `storage-full`. */
  onWarning?: (error: KrosaiError) => void;
  /** How long to wait for an older tab to let a schema upgrade through (default 5 s). */
  blockedTimeoutMs?: number;
  /** How long streaming updates wait to be written together (default 100 ms). */
  batchIntervalMs?: number;
}

function defaultFactory(): IDBFactory | undefined {
  try {
    // Reading the property throws where storage is blocked (sandboxed or third-party frames).
    return globalThis.indexedDB ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens the visitor's history. Never fails: when IndexedDB is missing, refused or broken, the
 * history lives in memory (copied to sessionStorage where possible) and `onWarning` is told.
 */
export async function openConversationStore(
  options: OpenStoreOptions = {},
): Promise<ConversationStore> {
  const dbName = options.dbName ?? DEFAULT_DB_NAME;
  const retention = resolveRetention(options.retention);
  const warn = (error: KrosaiError) => options.onWarning?.(error);
  // Names both the sessionStorage snapshot and the BroadcastChannel between tabs.
  const storageKey = `${DEFAULT_DB_NAME}:${dbName}`;
  if (options.persist === 'none') return new MemoryStore(retention);
  if (options.persist === 'session') return openSessionStore(storageKey, retention);

  const factory = options.indexedDB ?? defaultFactory();
  if (!factory) {
    warn(new KrosaiError('storage-unavailable', 'This browser offers no IndexedDB here.'));
    return openSessionStore(storageKey, retention);
  }
  const connection = new Connection(factory, dbName, options.blockedTimeoutMs ?? 5000);
  try {
    await connection.get();
  } catch (error) {
    connection.close();
    warn(toStorageError(error));
    return openSessionStore(storageKey, retention);
  }
  const primary: IdbStore = new IdbStore({
    connection,
    retention,
    channelName: storageKey,
    batchIntervalMs: options.batchIntervalMs ?? 100,
    onBackgroundError: (error) => store.fallBack(error),
  });
  const store = new ResilientStore(primary, new MemoryStore(retention), warn);
  return store;
}
