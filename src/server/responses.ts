import { type KrosaiApiError, messageForReason } from '../api/api-error.js';
import { REDIRECT_CODE } from '../api/request.js';
import type { Conversation, ConversationMessage, VoiceCredentials } from '../api/types.js';

/*
 * What the route sends the browser: KrosAI's own shapes (so one validator reads both), cut down to
 * what the widget needs. Built field by field from parsed values, so nothing else can slip
 * through: no key, no `created_by`, no system prompt.
 */

const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  // Tokens and transcripts are per visitor: no shared cache may keep them.
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...headers } });
}

/** `{"error": "<safe sentence>", "code": "<reason>"}`: the shape the browser client reads. */
export function errorResponse(
  status: number,
  code: string,
  error: string,
  headers: Record<string, string> = {},
): Response {
  return json({ error, code }, status, headers);
}

export function conversationBody(conversation: Conversation, handle?: string) {
  return {
    id: conversation.id,
    agent_id: conversation.agentId,
    title: conversation.title,
    status: conversation.status,
    created_at: conversation.createdAt?.toISOString() ?? null,
    updated_at: conversation.updatedAt?.toISOString() ?? null,
    room_name: conversation.roomName ?? null,
    room_url: conversation.roomUrl ?? null,
    token: conversation.token ?? null,
    ...(handle === undefined ? {} : { handle }),
  };
}

export function messagesBody(messages: readonly ConversationMessage[]) {
  return messages
    .filter((message) => message.role === 'user' || message.role === 'assistant')
    .map((message) => ({
      id: message.id,
      conversation_id: message.conversationId,
      role: message.role,
      content: message.content,
      created_at: message.createdAt?.toISOString() ?? null,
    }));
}

export function voiceBody(voice: VoiceCredentials) {
  return { room_name: voice.roomName, room_url: voice.roomUrl, token: voice.token };
}

/** Statuses for failures that never got an HTTP answer from KrosAI. */
const GATEWAY_STATUS: Partial<Record<string, number>> = {
  network: 502,
  'bad-response': 502,
  timeout: 504,
  aborted: 499,
};

/**
 * Passes a KrosAI failure on: its status (or a gateway status when KrosAI never answered) and a
 * sentence of our own, never KrosAI's text, which we do not control.
 */
export function upstreamErrorResponse(error: KrosaiApiError): Response {
  // Only KrosAI's error statuses are passed on: anything else (a 3xx or 1xx that fetch left
  // unresolved, 600, 999) is no answer the browser could use, and Response refuses it outright.
  const status =
    error.status !== undefined && error.status >= 400 && error.status <= 599
      ? error.status
      : (GATEWAY_STATUS[error.reason] ?? 502);
  const headers: Record<string, string> =
    error.retryAfterMs === undefined
      ? {}
      : { 'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)) };
  // A redirect is refused by us, not KrosAI: it gets a code of its own, for the site's logs.
  if (error.code === REDIRECT_CODE && error.status === undefined) {
    return errorResponse(502, REDIRECT_CODE, 'KrosAI answered with a redirect; none is followed.');
  }
  return errorResponse(status, error.reason, `KrosAI: ${messageForReason(error.reason)}`, headers);
}
