import type { ConversationRef, KrosaiApi } from '../api/types.js';
import type { ConversationConfig } from '../config/resolve-config.js';
import { KrosaiError, toKrosaiError } from '../errors.js';
import { liveMessageId } from '../store/rules.js';
import type { ConversationStore, StoredConversation, StoredMessage } from '../store/types.js';
import type { TranscriptUpdate } from '../voice/voice-session.js';
import { localMessageId } from './messages.js';

/** How the API identifies a stored conversation (backend mode adds the ownership handle). */
export const refOf = (conversation: StoredConversation): ConversationRef => ({
  id: conversation.id,
  handle: conversation.handle,
});

/** The server forgot the conversation or will not show it: keep it readable, start afresh next time. */
export function isGone(error: unknown): boolean {
  const { reason } = toKrosaiError(error);
  return reason === 'not-found' || reason === 'forbidden';
}

/** A fresh LiveKit token for the conversation's room: KrosAI re-issues one on every get. */
export async function freshToken(
  api: KrosaiApi,
  conversation: StoredConversation,
  signal: AbortSignal,
): Promise<string> {
  const fresh = await api.getConversation(refOf(conversation), { signal });
  if (!fresh.token) throw new KrosaiError('token-expired', 'No fresh token was issued.');
  return fresh.token;
}

/** A new conversation and the room it talks in. */
export interface CreatedConversation {
  conversation: StoredConversation;
  roomUrl: string;
  token: string;
}

/**
 * Records the server's status (and title) of a stored conversation. Returns undefined, writing
 * nothing, when the visitor deleted it meanwhile: a late answer must not bring it back.
 */
export async function saveStatus(
  store: ConversationStore,
  local: StoredConversation,
  status: string,
  title = local.title,
): Promise<StoredConversation | undefined> {
  const latest = await store.getConversation(local.id);
  if (!latest) return undefined;
  const updated: StoredConversation = { ...latest, status, title, updatedAt: Date.now() };
  await store.putConversation(updated);
  return updated;
}

/** Creates a conversation on the server and keeps it as the visitor's current one. */
export async function createConversation(
  api: KrosaiApi,
  store: ConversationStore,
  config: ConversationConfig,
  signal: AbortSignal,
): Promise<CreatedConversation> {
  const remote = await api.createConversation({ agentId: config.agentId }, { signal });
  if (!remote.roomUrl || !remote.token) {
    throw new KrosaiError('bad-response', 'The new conversation came without room details.');
  }
  const now = Date.now();
  const conversation: StoredConversation = {
    id: remote.id,
    namespace: config.namespace,
    agentId: config.agentId,
    title: remote.title,
    status: remote.status,
    createdAt: remote.createdAt?.getTime() ?? now,
    // This browser's clock: other tabs compare it with their own choices (see followOtherTab).
    updatedAt: now,
    handle: remote.handle,
    current: true,
  };
  await store.putConversation(conversation);
  return { conversation, roomUrl: remote.roomUrl, token: remote.token };
}

/** A transcript update as the message it shows until the store's copy replaces it. */
export function liveMessage(conversationId: string, update: TranscriptUpdate): StoredMessage {
  const { segmentId, role, text, final, timestamp } = update;
  return {
    id: liveMessageId(segmentId),
    conversationId,
    role,
    text,
    createdAt: timestamp,
    state: final ? 'final' : 'interim',
    origin: 'live',
    segmentId,
  };
}

/** Text the visitor typed (and the agent received). */
export function typedMessage(conversationId: string, text: string): StoredMessage {
  return {
    id: localMessageId(),
    conversationId,
    role: 'user',
    text,
    createdAt: Date.now(),
    state: 'final',
    origin: 'live',
  };
}
