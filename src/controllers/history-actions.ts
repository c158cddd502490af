import { KrosaiConversationChangedEvent } from '../events.js';
import { hangUp } from './call-flow.js';
import type { ConversationContext } from './context.js';
import { syncFromServer } from './server-sync.js';

/** Leaves the shown conversation as history; the next engagement creates a new one. */
export async function newConversation(context: ConversationContext): Promise<void> {
  const { run, shown, errors, host } = context;
  await hangUp(context);
  const left = shown.conversation;
  if (!left) return;
  try {
    const store = await run.store!;
    await store.putConversation({ ...left, current: false });
    if (run.stale) return;
    shown.choose(undefined);
    host.dispatchEvent(new KrosaiConversationChangedEvent(null));
    await shown.loadHistory(run);
  } catch (error) {
    errors.report(error);
  }
}

/** Shows an earlier conversation (from the history view) and refreshes it from the server. */
export async function selectConversation(context: ConversationContext, id: string) {
  const { run, shown, errors, host } = context;
  if (id === shown.conversation?.id) return;
  await hangUp(context);
  try {
    const store = await run.store!;
    const found = await store.getConversation(id);
    if (!found || run.stale) return;
    const current = { ...found, current: true };
    await store.putConversation(current);
    if (run.stale) return;
    shown.choose(current);
    host.dispatchEvent(new KrosaiConversationChangedEvent(current));
    await shown.loadMessages(run);
    await syncFromServer(context, current);
  } catch (error) {
    errors.report(error);
  }
}

/** Forgets every conversation of this namespace in this browser (the server keeps its copy). */
export async function clearHistory(context: ConversationContext): Promise<void> {
  const { run, shown, errors, host } = context;
  await hangUp(context);
  try {
    const store = await run.store!;
    const hadConversation = Boolean(shown.conversation);
    await store.clear(run.config.namespace);
    if (run.stale) return;
    shown.choose(undefined);
    shown.conversations = [];
    if (hadConversation) host.dispatchEvent(new KrosaiConversationChangedEvent(null));
  } catch (error) {
    errors.report(error);
  }
}
