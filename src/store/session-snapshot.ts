import { type MemorySnapshot, MemoryStore } from './memory-store.js';
import { checkConversation, checkedRecords, checkMessage } from './record-check.js';
import type { ConversationStore, RetentionPolicy, StoreChange } from './types.js';

const SAVE_DELAY_MS = 250;

function readSnapshot(storage: Storage, key: string): MemorySnapshot | undefined {
  try {
    const raw = storage.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as { conversations?: unknown; messages?: unknown } | null;
    if (!Array.isArray(parsed?.conversations) || !Array.isArray(parsed.messages)) return undefined;
    // The tab's own copy, but anything on the origin can write sessionStorage: checked as input.
    return {
      conversations: checkedRecords(parsed.conversations, checkConversation),
      messages: checkedRecords(parsed.messages, checkMessage),
    };
  } catch {
    return undefined;
  }
}

function sessionStorageOrUndefined(): Storage | undefined {
  try {
    // Reading the property throws where storage is blocked (sandboxed or third-party frames).
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** A memory store copied to sessionStorage under `key`; `onClosed` runs once it is closed. */
function openSnapshotStore(
  key: string,
  retention: Partial<RetentionPolicy>,
  onClosed: () => void,
): MemoryStore {
  const storage = sessionStorageOrUndefined();
  if (!storage) return new MemoryStore(retention, { onClose: onClosed });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    try {
      storage.setItem(key, JSON.stringify(store.snapshot()));
    } catch {
      // Full or refused: the memory copy is still there for this page.
    }
  };
  const store = new MemoryStore(retention, {
    onChange: () => {
      timer ??= setTimeout(save, SAVE_DELAY_MS);
    },
    onClose: () => {
      save();
      removeEventListener('pagehide', save);
      onClosed();
    },
  });
  const saved = readSnapshot(storage, key);
  if (saved) store.remember(saved);
  clearTimeout(timer);
  timer = undefined;
  addEventListener('pagehide', save);
  return store;
}

/**
 * The page's snapshot stores, one per key. Every widget that opens a key shares its store: two
 * stores writing whole snapshots to one key would each overwrite what the other saved.
 */
const sharedStores = new Map<string, { store: MemoryStore; handles: number }>();

/**
 * A memory store copied to sessionStorage, so the history survives reloads of this tab (and only
 * this tab). Without sessionStorage it is a plain memory store. Widgets on one page that open the
 * same key share one store; it closes (and saves) when the last of them closes.
 */
export function openSessionStore(
  key: string,
  retention: Partial<RetentionPolicy>,
): ConversationStore {
  let shared = sharedStores.get(key);
  if (!shared) {
    const store = openSnapshotStore(key, retention, () => sharedStores.delete(key));
    shared = { store, handles: 0 };
    sharedStores.set(key, shared);
  }
  shared.handles += 1;
  return new SharedStoreHandle(shared);
}

/** One widget's use of a shared store: closing it drops only this widget's listeners. */
class SharedStoreHandle implements ConversationStore {
  private readonly unsubscribes = new Set<() => void>();
  private closed = false;

  constructor(private readonly shared: { store: MemoryStore; handles: number }) {}

  private get store() {
    return this.shared.store;
  }

  currentConversation(namespace: string, agentId: string) {
    return this.store.currentConversation(namespace, agentId);
  }
  listConversations(namespace: string) {
    return this.store.listConversations(namespace);
  }
  getConversation(id: string) {
    return this.store.getConversation(id);
  }
  putConversation(...args: Parameters<ConversationStore['putConversation']>) {
    return this.store.putConversation(...args);
  }
  messages(...args: Parameters<ConversationStore['messages']>) {
    return this.store.messages(...args);
  }
  summary(...args: Parameters<ConversationStore['summary']>) {
    return this.store.summary(...args);
  }
  addMessage(...args: Parameters<ConversationStore['addMessage']>) {
    return this.store.addMessage(...args);
  }
  upsertSegment(...args: Parameters<ConversationStore['upsertSegment']>) {
    return this.store.upsertSegment(...args);
  }
  reconcile(...args: Parameters<ConversationStore['reconcile']>) {
    return this.store.reconcile(...args);
  }
  clear(namespace?: string) {
    return this.store.clear(namespace);
  }
  flush() {
    return this.store.flush();
  }

  subscribe(listener: (change: StoreChange) => void) {
    const unsubscribe = this.store.subscribe(listener);
    this.unsubscribes.add(unsubscribe);
    return () => {
      this.unsubscribes.delete(unsubscribe);
      unsubscribe();
    };
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes.clear();
    this.shared.handles -= 1;
    if (this.shared.handles === 0) this.store.close();
  }
}
