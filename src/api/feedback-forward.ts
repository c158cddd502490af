import type { KrosaiFeedback } from '../events.js';
import { HANDLE_HEADER } from './backend-api.js';

/**
 * Sends the visitor's feedback to the site's route (`POST {sessionUrl}/conversations/{id}/feedback`,
 * with the conversation's ownership handle), which hands it to the site's `onFeedback`. KrosAI
 * has no feedback endpoint: nothing goes anywhere else. Best effort: a failure is only logged.
 */
export async function forwardFeedback(
  sessionUrl: string,
  handle: string | undefined,
  feedback: KrosaiFeedback,
): Promise<boolean> {
  const base = sessionUrl.replace(/\/+$/, '');
  try {
    const response = await fetch(
      `${base}/conversations/${encodeURIComponent(feedback.conversationId)}/feedback`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(handle === undefined ? {} : { [HANDLE_HEADER]: handle }),
        },
        body: JSON.stringify(feedback),
        keepalive: true,
        credentials: 'same-origin',
      },
    );
    return response.ok;
  } catch {
    return false;
  }
}
