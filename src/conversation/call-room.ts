import type { KrosaiApi } from '../api/types.js';
import type { ConversationConfig } from '../config/resolve-config.js';
import type { StoredConversation } from '../store/types.js';
import type { JoinOptions } from './call.js';
import {
  type CreatedConversation,
  createConversation,
  freshToken,
  isGone,
  refOf,
} from './records.js';
import type { SessionScope } from './scope.js';
import type { ConversationView } from './view.js';

/** What finding a call's room needs of its session. */
export interface CallRoomContext {
  api: KrosaiApi;
  config: ConversationConfig;
  scope: SessionScope;
  view: ConversationView;
  lockName?: (conversationId: string) => string;
}

/**
 * The room a call talks in: the active conversation's, with a fresh token, while the server says
 * it is active; otherwise a new conversation's, which becomes the shown one. The first engagement
 * is the only thing that creates a conversation.
 */
export async function callRoom(
  context: CallRoomContext,
  signal: AbortSignal,
  takeOver: boolean | undefined,
): Promise<{ conversation: StoredConversation; join: JoinOptions }> {
  const { api, lockName } = context;
  const { conversation, roomUrl, token } = await roomConversation(context, signal);
  return {
    conversation,
    join: {
      roomUrl,
      token,
      lockName: lockName?.(conversation.id),
      takeOver,
      refreshToken: () => freshToken(api, conversation, signal),
    },
  };
}

async function roomConversation(
  { api, config, scope, view }: CallRoomContext,
  signal: AbortSignal,
): Promise<CreatedConversation> {
  const existing = view.active;
  if (existing) {
    try {
      const remote = await scope.fresh(api.getConversation(refOf(existing), { signal }));
      const saved = await view.recordRemote(existing, remote);
      if (saved && remote.status === 'active' && remote.roomUrl && remote.token) {
        return { conversation: saved, roomUrl: remote.roomUrl, token: remote.token };
      }
    } catch (error) {
      if (!isGone(error)) throw error;
      await view.recordStatus(existing, 'unavailable');
    }
  }
  const store = await scope.openStore();
  const created = await scope.fresh(createConversation(api, store, config, signal));
  view.choose(created.conversation);
  scope.emit({ type: 'conversation-created', conversation: created.conversation });
  scope.emit({ type: 'conversation-changed', conversation: created.conversation });
  scope.background(view.loadHistory());
  return created;
}
