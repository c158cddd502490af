import type { KrosaiApi } from '../api/types.js';
import type { ConversationConfig } from '../config/resolve-config.js';
import { KrosaiError } from '../errors.js';
import type { ConversationStore, StoredConversation } from '../store/types.js';

/** What a call needs: the conversation and its LiveKit room. */
export interface CallTarget {
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
): Promise<CallTarget> {
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
