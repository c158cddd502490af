import type { KrosaiFeedback } from '../events.js';
import { readJsonObject } from './json-body.js';

const MAX_FEEDBACK_LENGTH = 64 * 1024;
const MAX_ID_LENGTH = 200;

/**
 * The site's hook for the visitor's feedback (`forward-feedback` on the element): a thumbs up or
 * down on an agent message, or the end-of-call rating. KrosAI has no feedback endpoint; the
 * route hands it here and nowhere else. The conversation's handle was checked: it is the
 * visitor's own conversation. A throw answers 500 (and reaches `onError`).
 */
export type FeedbackHook = (
  feedback: KrosaiFeedback,
  context: { request: Request },
) => void | Promise<void>;

/** The feedback in the body, for this conversation; a sentence saying what is wrong, or 'too-large'. */
export async function readFeedback(
  request: Request,
  conversationId: string,
): Promise<KrosaiFeedback | string> {
  const fields = await readJsonObject(request, MAX_FEEDBACK_LENGTH);
  if (typeof fields === 'string') return fields;
  if (fields.kind === 'rating') {
    const { rating } = fields;
    if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) {
      return 'rating must be a whole number from 1 to 5.';
    }
    return { kind: 'rating', conversationId, rating };
  }
  if (fields.kind === 'message') {
    const { messageId, value, text: said } = fields;
    if (typeof messageId !== 'string' || messageId === '' || messageId.length > MAX_ID_LENGTH) {
      return 'messageId is missing.';
    }
    if (value !== 'up' && value !== 'down' && value !== null) {
      return 'value must be "up", "down" or null.';
    }
    return {
      kind: 'message',
      conversationId,
      messageId,
      value,
      text: typeof said === 'string' ? said : '',
    };
  }
  return 'kind must be "message" or "rating".';
}
