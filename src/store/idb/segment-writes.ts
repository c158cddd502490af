import { checkMessage } from '../record-check.js';
import { findServerTwin, SAME_UTTERANCE_WINDOW_MS } from '../rules.js';
import type { StoreChange, StoredMessage } from '../types.js';
import { type MessagesTransaction, messagesAround } from './queries.js';

export interface SegmentOutcome {
  /** What this tab wrote and already showed. */
  sent: StoredMessage;
  /** What the database holds for the segment afterwards (`sent` itself, unless it gave way). */
  stored: StoredMessage;
}

/**
 * Writes one live segment message, unless the database already holds that utterance: a frozen
 * message for the segment (final, or a server message that replaced it), or, for a final segment,
 * a server message with the same words that the segment then gives way to.
 */
export async function writeSegment(
  tx: MessagesTransaction,
  sent: StoredMessage,
): Promise<SegmentOutcome> {
  const bySegment = checkMessage(
    await tx.store.index('by-segment').get([sent.conversationId, sent.segmentId!]),
  );
  let holder =
    bySegment && (bySegment.id !== sent.id || bySegment.state === 'final') ? bySegment : undefined;
  if (!holder && sent.state === 'final') {
    const near = await messagesAround(
      tx.store,
      sent.conversationId,
      sent.createdAt,
      SAME_UTTERANCE_WINDOW_MS,
    );
    const twin = findServerTwin(near, sent);
    if (twin) {
      holder = { ...twin, segmentId: sent.segmentId! };
      await tx.store.put(holder);
    }
  }
  if (!holder) {
    await tx.store.put(sent);
    return { sent, stored: sent };
  }
  if (holder.id !== sent.id) await tx.store.delete([sent.conversationId, sent.id]);
  return { sent, stored: holder };
}

/**
 * What a written batch changes for listeners: `corrections` for this tab, where the database knew
 * better than what it already showed, and a `summary` per conversation for the other tabs, which
 * have seen nothing of the batch yet.
 */
export function segmentChanges(
  outcomes: readonly SegmentOutcome[],
  pruned: ReadonlyMap<string, string[]>,
): { corrections: StoreChange[]; summary: StoreChange[] } {
  const corrections: StoreChange[] = [];
  const perConversation = new Map<string, { messages: StoredMessage[]; removedIds: string[] }>();
  for (const [conversationId, removedIds] of pruned) {
    perConversation.set(conversationId, { messages: [], removedIds: [...removedIds] });
    if (removedIds.length > 0) corrections.push({ type: 'messages', conversationId, removedIds });
  }
  for (const { sent, stored } of outcomes) {
    const entry = perConversation.get(sent.conversationId)!;
    entry.messages.push(stored);
    if (stored === sent) continue;
    const removedIds = stored.id === sent.id ? [] : [sent.id];
    entry.removedIds.push(...removedIds);
    corrections.push({
      type: 'messages',
      conversationId: sent.conversationId,
      messages: [stored],
      removedIds,
    });
  }
  const summary: StoreChange[] = [...perConversation].map(([conversationId, change]) => ({
    type: 'messages',
    conversationId,
    ...change,
  }));
  return { corrections, summary };
}
