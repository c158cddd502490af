import { type MemorySnapshot, MemoryStore } from './memory-store.js';
import type { RetentionPolicy } from './types.js';

const SAVE_DELAY_MS = 250;

function readSnapshot(storage: Storage, key: string): MemorySnapshot | undefined {
  try {
    const raw = storage.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<MemorySnapshot>;
    if (!Array.isArray(parsed.conversations) || !Array.isArray(parsed.messages)) return undefined;
    return { conversations: parsed.conversations, messages: parsed.messages };
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

/**
 * A memory store copied to sessionStorage, so the history survives reloads of this tab (and only
 * this tab). Without sessionStorage it is a plain memory store.
 */
export function openSessionStore(key: string, retention: Partial<RetentionPolicy>): MemoryStore {
  const storage = sessionStorageOrUndefined();
  if (!storage) return new MemoryStore(retention);
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
    },
  });
  const saved = readSnapshot(storage, key);
  if (saved) store.remember(saved);
  clearTimeout(timer);
  timer = undefined;
  addEventListener('pagehide', save);
  return store;
}
