import { sameUtterance } from './text-match.js';
import type { LiveSegment, StoredMessage } from './types.js';

/** The message id a live transcript segment is stored under. */
export function liveMessageId(segmentId: string): string {
  return `live:${segmentId}`;
}

/**
 * Applies one segment update to what is stored for it. Returns the message to store, or
 * `undefined` when the stored one is frozen (already final, or replaced by a server message): a
 * late interim update after the final one must not reopen it.
 */
export function applySegment(
  stored: StoredMessage | undefined,
  segment: LiveSegment,
): StoredMessage | undefined {
  if (stored && (stored.state === 'final' || stored.origin === 'server')) return undefined;
  return {
    id: stored?.id ?? liveMessageId(segment.segmentId),
    conversationId: segment.conversationId,
    role: segment.role,
    text: segment.text,
    // The first update's time keeps the message where the utterance began.
    createdAt: stored?.createdAt ?? segment.createdAt,
    state: segment.final ? 'final' : 'interim',
    origin: 'live',
    segmentId: segment.segmentId,
  };
}

/**
 * The server message a just-finished live message repeats, when the server's transcript was merged
 * before the segment finished. The live message then gives way to it instead of duplicating it.
 */
export function findServerTwin(
  candidates: Iterable<StoredMessage>,
  live: StoredMessage,
): StoredMessage | undefined {
  let best: StoredMessage | undefined;
  for (const message of candidates) {
    if (message.origin !== 'server' || message.segmentId !== undefined) continue;
    if (!sameUtterance(live, message)) continue;
    const gap = Math.abs(message.createdAt - live.createdAt);
    if (!best || gap < Math.abs(best.createdAt - live.createdAt)) best = message;
  }
  return best;
}
