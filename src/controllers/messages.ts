import type { StoredMessage } from '../store/types.js';

/** System messages (the agent's prompt) are never shown. */
export const isVisible = (message: StoredMessage): boolean => message.role !== 'system';

function sameMessage(a: StoredMessage, b: StoredMessage): boolean {
  return a.id === b.id || (a.segmentId !== undefined && a.segmentId === b.segmentId);
}

/**
 * Returns a new list with `message` inserted in time order, or replacing the message it updates
 * (same id, or same live segment). Final text is frozen: a late interim update does not undo it.
 * Searches from the end, where live updates land, so long histories stay cheap.
 */
export function upsertMessage(
  list: readonly StoredMessage[],
  message: StoredMessage,
): StoredMessage[] {
  if (!isVisible(message)) return list as StoredMessage[];
  for (let index = list.length - 1; index >= 0; index--) {
    const existing = list[index]!;
    if (!sameMessage(existing, message)) continue;
    if (existing.state === 'final' && message.state === 'interim') return list as StoredMessage[];
    const next = list.slice();
    next[index] = message;
    return next;
  }
  let at = list.length;
  while (at > 0 && list[at - 1]!.createdAt > message.createdAt) at--;
  const next = list.slice();
  next.splice(at, 0, message);
  return next;
}

/** Applies a batch of updates and removals (a store change) to the shown list. */
export function patchMessages(
  list: readonly StoredMessage[],
  updates: readonly StoredMessage[],
  removedIds: readonly string[] = [],
): StoredMessage[] {
  const removed = new Set(removedIds);
  let next = removed.size ? list.filter((message) => !removed.has(message.id)) : list.slice();
  for (const message of updates) next = upsertMessage(next, message);
  return next;
}

/** An id for a message typed here, unique without a secure context (where randomUUID is missing). */
export function localMessageId(): string {
  const random =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `local:${random}`;
}
