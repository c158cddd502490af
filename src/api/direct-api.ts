import { type HttpSettings, requestJson } from './request.js';
import type { CallOptions, ConversationRef, KrosaiServerApi } from './types.js';
import { parseConversation, parseMessages, parseVoiceCredentials } from './validate.js';

export const DEFAULT_API_BASE = 'https://api.krosai.com';

/** Which header carries the key: KrosAI documents both. */
export type AuthHeader = 'authorization' | 'x-api-key';

export interface DirectApiSettings extends HttpSettings {
  apiKey: string;
  /** KrosAI's origin, without `/v1`. */
  apiBase: string;
  authHeader: AuthHeader;
}

/**
 * Talks to KrosAI itself with the secret key. Used by dev mode in the page (localhost only, in
 * spirit) and by the site's route on its server, where the key belongs.
 */
export function createDirectApi(settings: DirectApiSettings): KrosaiServerApi {
  const base = `${settings.apiBase.replace(/\/+$/, '')}/v1`;
  const headers: Record<string, string> =
    settings.authHeader === 'x-api-key'
      ? { 'X-API-Key': settings.apiKey }
      : { Authorization: `Bearer ${settings.apiKey}` };
  const conversationUrl = (ref: ConversationRef) =>
    `${base}/conversations/${encodeURIComponent(ref.id)}`;

  return {
    async createConversation(input, options?: CallOptions) {
      const body =
        input.title === undefined
          ? { agent_id: input.agentId }
          : { agent_id: input.agentId, title: input.title };
      const url = `${base}/conversations`;
      return parseConversation(
        await requestJson(settings, { method: 'POST', url, headers, body }, options),
      );
    },
    async getConversation(ref, options) {
      const url = conversationUrl(ref);
      return parseConversation(
        await requestJson(settings, { method: 'GET', url, headers }, options),
      );
    },
    async getMessages(ref, options) {
      const url = `${conversationUrl(ref)}/messages`;
      return parseMessages(
        await requestJson(settings, { method: 'GET', url, headers }, options),
        ref.id,
      );
    },
    async startVoiceSession(agentId, options) {
      const url = `${base}/agents/${encodeURIComponent(agentId)}/voice`;
      return parseVoiceCredentials(
        await requestJson(settings, { method: 'POST', url, headers }, options),
      );
    },
  };
}
