import { KrosaiApiError } from './api-error.js';
import { parseDate } from './parse-date.js';
import type { Conversation, ConversationMessage, MessageRole, VoiceCredentials } from './types.js';

/*
 * Hand-written checks of every response body. Each parser copies only the fields it knows, so
 * extra fields (`created_by`, anything KrosAI adds) never reach the widget, and throws
 * KrosaiApiError('bad-response') when a required field is missing or of the wrong type.
 * The same parsers read KrosAI's answers and the site's route's answers (which use KrosAI's
 * snake_case shape plus `handle`).
 */

type Fields = Record<string, unknown>;

function invalid(what: string): KrosaiApiError {
  return new KrosaiApiError('bad-response', `The server's answer is not valid: ${what}.`);
}

function asObject(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`${what} is not an object`);
  }
  return value as Fields;
}

function requiredString(fields: Fields, key: string, what: string): string {
  const value = fields[key];
  if (typeof value !== 'string' || value === '') throw invalid(`${what}.${key} is missing`);
  return value;
}

/** A string that may be absent or null (→ undefined), but not of another type. */
function optionalString(fields: Fields, key: string, what: string): string | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${what}.${key} is not a string`);
  return value;
}

/** Ids are strings in the documentation; a number is accepted too, as a string. */
function requiredId(fields: Fields, key: string, what: string): string {
  const value = fields[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return requiredString(fields, key, what);
}

export function parseConversation(value: unknown): Conversation {
  const fields = asObject(value, 'conversation');
  const conversation: Conversation = {
    id: requiredId(fields, 'id', 'conversation'),
    agentId: requiredId(fields, 'agent_id', 'conversation'),
    title: optionalString(fields, 'title', 'conversation') ?? '',
    status: requiredString(fields, 'status', 'conversation'),
    createdAt: parseDate(fields['created_at']),
    updatedAt: parseDate(fields['updated_at']),
  };
  const roomName = optionalString(fields, 'room_name', 'conversation');
  const roomUrl = optionalString(fields, 'room_url', 'conversation');
  const token = optionalString(fields, 'token', 'conversation');
  const handle = optionalString(fields, 'handle', 'conversation');
  if (roomName !== undefined) conversation.roomName = roomName;
  if (roomUrl !== undefined) conversation.roomUrl = roomUrl;
  if (token !== undefined) conversation.token = token;
  if (handle !== undefined) conversation.handle = handle;
  return conversation;
}

const ROLES: ReadonlySet<string> = new Set<MessageRole>(['system', 'user', 'assistant']);

/**
 * The transcript, oldest first, without `system` messages (the agent's prompt is never shown)
 * and without messages of roles this widget does not know (a `tool` role, say). A message that is
 * not valid is left out on its own: one bad entry must not cost the visitor the whole transcript.
 */
export function parseMessages(value: unknown, conversationId: string): ConversationMessage[] {
  if (!Array.isArray(value)) throw invalid('the message list is not a list');
  const messages: ConversationMessage[] = [];
  for (const item of value) {
    let message: ConversationMessage;
    try {
      message = parseMessage(item, conversationId);
    } catch {
      continue;
    }
    if (ROLES.has(message.role) && message.role !== 'system') messages.push(message);
  }
  return messages;
}

function parseMessage(item: unknown, conversationId: string): ConversationMessage {
  const fields = asObject(item, 'message');
  const role = requiredString(fields, 'role', 'message');
  const content = fields['content'] ?? '';
  if (typeof content !== 'string') throw invalid('message.content is not a string');
  return {
    id: requiredId(fields, 'id', 'message'),
    conversationId: optionalString(fields, 'conversation_id', 'message') ?? conversationId,
    role: role as MessageRole,
    content,
    createdAt: parseDate(fields['created_at']),
  };
}

export function parseVoiceCredentials(value: unknown): VoiceCredentials {
  const fields = asObject(value, 'voice session');
  return {
    roomName: requiredString(fields, 'room_name', 'voice session'),
    roomUrl: requiredString(fields, 'room_url', 'voice session'),
    token: requiredString(fields, 'token', 'voice session'),
  };
}
