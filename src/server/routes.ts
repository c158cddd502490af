/** The route's operations, found from the end of the path so the mount point does not matter. */
export type Route =
  | { operation: 'create-conversation'; method: 'POST' }
  | { operation: 'get-conversation'; method: 'GET'; conversationId: string }
  | { operation: 'get-messages'; method: 'GET'; conversationId: string }
  | { operation: 'start-voice'; method: 'POST'; agentId: string }
  | { operation: 'post-feedback'; method: 'POST'; conversationId: string };

/**
 * Matches, at the end of `pathname`:
 *   /conversations   /conversations/{id}   /conversations/{id}/messages   /agents/{id}/voice
 *   /conversations/{id}/feedback
 * Returns undefined for anything else, 'bad-path' for undecodable escapes.
 */
export function matchRoute(pathname: string): Route | 'bad-path' | undefined {
  let segments: string[];
  try {
    segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return 'bad-path';
  }
  const [third, second, last] = [segments.at(-3), segments.at(-2), segments.at(-1)];
  if (last === 'conversations') return { operation: 'create-conversation', method: 'POST' };
  if (second === 'conversations' && last !== undefined) {
    return { operation: 'get-conversation', method: 'GET', conversationId: last };
  }
  if (third === 'conversations' && last === 'messages' && second !== undefined) {
    return { operation: 'get-messages', method: 'GET', conversationId: second };
  }
  if (third === 'conversations' && last === 'feedback' && second !== undefined) {
    return { operation: 'post-feedback', method: 'POST', conversationId: second };
  }
  if (third === 'agents' && last === 'voice' && second !== undefined) {
    return { operation: 'start-voice', method: 'POST', agentId: second };
  }
  return undefined;
}

/**
 * Ids we pass on to KrosAI's URL: letters, digits and `_ - . :`, and never only dots (`..` would
 * climb out of `/v1/conversations/`).
 */
export function isSafeId(id: string): boolean {
  return /^[A-Za-z0-9_.:-]{1,200}$/.test(id) && !/^\.+$/.test(id);
}
