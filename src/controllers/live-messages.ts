import type { StoredConversation, StoredMessage } from '../store/types.js';
import type { TranscriptUpdate } from '../voice/voice-session.js';
import type { ConversationContext } from './context.js';
import { localMessageId } from './messages.js';

/**
 * Shows a transcript update at once and hands it to the store, which batches its writes; the
 * store's change event then patches in the stored copy.
 */
export function showTranscript(
  { run, shown, errors }: ConversationContext,
  conversation: StoredConversation,
  update: TranscriptUpdate,
): void {
  const { segmentId, role, text, final, timestamp } = update;
  shown.showMessage({
    id: `live:${segmentId}`,
    conversationId: conversation.id,
    role,
    text,
    createdAt: timestamp,
    state: final ? 'final' : 'interim',
    origin: 'live',
    segmentId,
  });
  const segment = {
    conversationId: conversation.id,
    segmentId,
    role,
    text,
    final,
    createdAt: timestamp,
  };
  run.store
    ?.then((store) => store.upsertSegment(segment))
    .catch((error) => {
      if (!run.stale) errors.report(error);
    });
}

/** Shows and keeps text the visitor typed (and the agent received). */
export async function keepTypedText(
  { run, shown }: ConversationContext,
  conversation: StoredConversation,
  text: string,
): Promise<void> {
  const message: StoredMessage = {
    id: localMessageId(),
    conversationId: conversation.id,
    role: 'user',
    text,
    createdAt: Date.now(),
    state: 'final',
    origin: 'live',
  };
  shown.showMessage(message);
  await (await run.store)?.addMessage(message);
}
