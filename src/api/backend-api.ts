import { type HttpSettings, requestJson } from './request.js';
import type { ConversationRef, KrosaiApi } from './types.js';
import { parseConversation, parseMessages } from './validate.js';

/** The header that carries a conversation's ownership handle to the site's route. */
export const HANDLE_HEADER = 'X-Krosai-Handle';

export interface BackendApiSettings extends HttpSettings {
  /** Where the site mounted `createKrosaiHandler` (absolute, or relative to the page). */
  sessionUrl: string;
}

/**
 * Talks to the site's own route (src/server/). Its paths, relative to `sessionUrl`:
 *   POST {sessionUrl}/conversations                 {"agent_id", "title"?}
 *   GET  {sessionUrl}/conversations/{id}            X-Krosai-Handle: <handle>
 *   GET  {sessionUrl}/conversations/{id}/messages   X-Krosai-Handle: <handle>
 *   POST {sessionUrl}/agents/{agentId}/voice
 * Bodies use KrosAI's own shapes, with `handle` added to a created conversation.
 */
export function createBackendApi(settings: BackendApiSettings): KrosaiApi {
  const base = settings.sessionUrl.replace(/\/+$/, '');
  const conversationUrl = (ref: ConversationRef) =>
    `${base}/conversations/${encodeURIComponent(ref.id)}`;
  const handleHeaders = (ref: ConversationRef): Record<string, string> =>
    ref.handle === undefined ? {} : { [HANDLE_HEADER]: ref.handle };

  return {
    async createConversation(input, options) {
      const body =
        input.title === undefined
          ? { agent_id: input.agentId }
          : { agent_id: input.agentId, title: input.title };
      const url = `${base}/conversations`;
      return parseConversation(await requestJson(settings, { method: 'POST', url, body }, options));
    },
    async getConversation(ref, options) {
      const request = {
        method: 'GET',
        url: conversationUrl(ref),
        headers: handleHeaders(ref),
      } as const;
      const conversation = parseConversation(await requestJson(settings, request, options));
      // The route issues a handle only at creation; keep the one the caller proved ownership with.
      if (conversation.handle === undefined && ref.handle !== undefined)
        conversation.handle = ref.handle;
      return conversation;
    },
    async getMessages(ref, options) {
      const url = `${conversationUrl(ref)}/messages`;
      const request = { method: 'GET', url, headers: handleHeaders(ref) } as const;
      return parseMessages(await requestJson(settings, request, options), ref.id);
    },
  };
}
