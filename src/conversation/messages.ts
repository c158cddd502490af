import { compareMessages, standingCopy } from '../store/rules.js';
import type { MessagePosition, StoredMessage } from '../store/types.js';

/** System messages (the agent's prompt) are never shown. */
export const isVisible = (message: StoredMessage): boolean => message.role !== 'system';

function sameMessage(a: StoredMessage, b: StoredMessage): boolean {
  return a.id === b.id || (a.segmentId !== undefined && a.segmentId === b.segmentId);
}

/**
 * Returns a new list with `message` inserted in time order, or replacing the message it updates
 * (same id, or same live segment), as the store's `standingCopy` rule says: final text is frozen.
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
    const standing = standingCopy(existing, message);
    if (standing === existing) return list as StoredMessage[];
    const next = list.slice();
    next[index] = standing;
    return next;
  }
  // In the store's order (time, then id), so that pages read later fit around it.
  let at = list.length;
  while (at > 0 && compareMessages(list[at - 1]!, message) > 0) at--;
  const next = list.slice();
  next.splice(at, 0, message);
  return next;
}

/**
 * Applies a batch of updates and removals (a store change) to the shown list in one pass, so a
 * reconcile that brings thousands of server messages costs one sort, not thousands of copies.
 * With `from` (the list holds only the messages from there on: older pages are not read yet), a
 * new message before it is left out: it shows when its page is read. Shown messages still update.
 */
export function patchMessages(
  list: readonly StoredMessage[],
  updates: readonly StoredMessage[],
  removedIds: readonly string[] = [],
  from?: MessagePosition,
): StoredMessage[] {
  const removed = new Set(removedIds);
  const visible = updates.filter(isVisible);
  const byId = new Map(visible.map((message) => [message.id, message]));
  const bySegment = new Map(
    visible.filter((message) => message.segmentId).map((message) => [message.segmentId, message]),
  );
  const applied = new Set<StoredMessage>();
  const next: StoredMessage[] = [];
  for (const existing of list) {
    if (removed.has(existing.id)) continue;
    const update =
      byId.get(existing.id) ?? (existing.segmentId ? bySegment.get(existing.segmentId) : undefined);
    if (!update) {
      next.push(existing);
      continue;
    }
    applied.add(update);
    next.push(standingCopy(existing, update));
  }
  for (const update of visible) {
    if (applied.has(update) || (from && compareMessages(update, from) < 0)) continue;
    next.push(update);
  }
  // Already in order but for the additions: the browser's sort is quick on nearly sorted input.
  return next.sort(compareMessages);
}

/** An id for a message typed here, unique without a secure context (where randomUUID is missing). */
export function localMessageId(): string {
  const random =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `local:${random}`;
}
