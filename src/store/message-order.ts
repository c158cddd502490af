import type { MessagePage, MessagePageOptions, StoredMessage } from './types.js';

/** How many messages a page holds when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 100;

/** Oldest first; equal times fall back to the id so every reader sees the same order. */
export function compareMessages(a: StoredMessage, b: StoredMessage): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The last `limit` of sorted messages before `before`, as a page. */
export function pageOf(
  sorted: readonly StoredMessage[],
  options: MessagePageOptions = {},
): MessagePage {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  let end = sorted.length;
  while (end > 0 && !isBefore(sorted[end - 1]!, options)) end--;
  const start = Math.max(0, end - limit);
  return { messages: sorted.slice(start, end), hasMore: start > 0 };
}

/** Whether a message comes before the paging point `before` (and `beforeId`) in message order. */
export function isBefore(
  message: StoredMessage,
  { before, beforeId }: MessagePageOptions,
): boolean {
  if (before === undefined) return true;
  if (message.createdAt !== before) return message.createdAt < before;
  return beforeId !== undefined && message.id < beforeId;
}
