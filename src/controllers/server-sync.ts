import type { Conversation } from '../api/types.js';
import { toKrosaiError } from '../errors.js';
import type { StoredConversation } from '../store/types.js';
import type { ConversationContext } from './context.js';
import { saveStatus } from './remote.js';
import { refOf } from './run.js';

/** The server forgot the conversation or will not show it: keep it readable, start afresh next time. */
export function isGone(error: unknown): boolean {
  const { reason } = toKrosaiError(error);
  return reason === 'not-found' || reason === 'forbidden';
}

/** Records a status of a stored conversation, and shows it if that one is on screen. */
export async function recordStatus(
  { run, shown }: ConversationContext,
  local: StoredConversation,
  status: string,
  title?: string,
): Promise<StoredConversation | undefined> {
  const store = await run.store;
  const saved = store && !run.stale ? await saveStatus(store, local, status, title) : undefined;
  if (saved && !run.stale) shown.refresh(saved);
  return saved;
}

/** Records what the server says of a conversation: its status, and its title if it has one. */
export const recordRemote = (
  context: ConversationContext,
  local: StoredConversation,
  remote: Conversation,
) => recordStatus(context, local, remote.status, remote.title || local.title);

/** Asks the server for the conversation's status and transcript, which are authoritative. */
export async function syncFromServer(
  context: ConversationContext,
  conversation: StoredConversation,
): Promise<void> {
  const { run, shown, call, errors } = context;
  const { api } = run;
  const store = await run.store;
  if (!api || !store) return;
  const options = { signal: run.signal };
  try {
    const remote = await api.getConversation(refOf(conversation), options);
    if (!(await recordRemote(context, conversation, remote))) return;
    const serverMessages = await api.getMessages(refOf(conversation), options);
    if (run.stale) return;
    await store.reconcile(conversation.id, serverMessages);
    if (shown.conversation?.id === conversation.id && !call.live) await shown.loadMessages(run);
  } catch (error) {
    if (run.stale) return;
    if (isGone(error)) {
      await recordStatus(context, conversation, 'unavailable');
      return;
    }
    errors.report(error, () => syncFromServer(context, conversation));
  }
}
