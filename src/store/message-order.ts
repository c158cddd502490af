import type { MessagePage, StoredMessage } from './types.js';

/** How many messages a page holds when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 100;

/** Oldest first; equal times fall back to the id so every reader sees the same order. */
export function compareMessages(a: StoredMessage, b: StoredMessage): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The last `limit` of sorted messages before `before`, as a page. */
export function pageOf(
  sorted: readonly StoredMessage[],
  options: { limit?: number; before?: number } = {},
): MessagePage {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  const before = options.before ?? Number.POSITIVE_INFINITY;
  let end = sorted.length;
  while (end > 0 && sorted[end - 1]!.createdAt >= before) end--;
  const start = Math.max(0, end - limit);
  return { messages: sorted.slice(start, end), hasMore: start > 0 };
}
