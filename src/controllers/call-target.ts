import type { KrosaiApi } from '../api/types.js';
import { KrosaiError } from '../errors.js';
import { KrosaiConversationChangedEvent, KrosaiConversationCreatedEvent } from '../events.js';
import type { ConversationContext } from './context.js';
import { type CallTarget, createConversation } from './remote.js';
import { refOf } from './run.js';
import { isGone, recordRemote, recordStatus } from './server-sync.js';

/** Room details for a call: the active conversation's fresh token, or a new conversation. */
export async function callTarget(
  context: ConversationContext,
  api: KrosaiApi,
  signal: AbortSignal,
): Promise<CallTarget> {
  const { run, shown, host } = context;
  const existing = shown.active;
  if (existing) {
    try {
      const remote = await api.getConversation(refOf(existing), { signal });
      const saved = await recordRemote(context, existing, remote);
      if (saved && remote.status === 'active' && remote.roomUrl && remote.token) {
        return { conversation: saved, roomUrl: remote.roomUrl, token: remote.token };
      }
    } catch (error) {
      if (!isGone(error)) throw error;
      await recordStatus(context, existing, 'unavailable');
    }
  }
  const target = await createConversation(api, await run.store!, run.config, signal);
  if (run.stale) throw new KrosaiError('aborted', 'The widget was removed.');
  shown.choose(target.conversation);
  host.dispatchEvent(new KrosaiConversationCreatedEvent(target.conversation));
  host.dispatchEvent(new KrosaiConversationChangedEvent(target.conversation));
  void shown.loadHistory(run);
  return target;
}
