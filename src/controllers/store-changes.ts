import type { KrosaiError } from '../errors.js';
import { KrosaiConversationChangedEvent, KrosaiErrorEvent } from '../events.js';
import type { StoreChange, StoredConversation } from '../store/types.js';
import type { ConversationContext } from './context.js';
import { patchMessages } from './messages.js';

/** The store warns (e.g. history cannot outlive the page): tell the page, and the visitor. */
export function onStoreWarning({ run, shown, host }: ConversationContext, warning: KrosaiError) {
  if (run.stale) return;
  if (warning.reason === 'storage-unavailable') shown.storageWarning = true;
  host.dispatchEvent(new KrosaiErrorEvent(warning));
  host.requestUpdate();
}

/** A change to the store, by this tab or another: keep what is on screen up to date. */
export function onStoreChange(context: ConversationContext, change: StoreChange): void {
  const { run, shown, call, host } = context;
  if (run.stale) return;
  const shownId = shown.conversation?.id;
  switch (change.type) {
    case 'messages':
      if (change.conversationId !== shownId) return;
      if (change.messages || change.removedIds) {
        shown.messages = patchMessages(shown.messages, change.messages ?? [], change.removedIds);
        host.requestUpdate();
      } else if (!call.live) {
        void shown.loadMessages(run);
      }
      return;
    case 'conversation':
      if (change.conversationId === shownId && change.conversation) {
        shown.refresh(change.conversation);
      } else {
        void followOtherTab(context, change.conversation);
      }
      void shown.loadHistory(run);
      return;
    case 'deleted':
      if (change.conversationId === shownId) shown.show(undefined);
      void shown.loadHistory(run);
      return;
    case 'cleared':
      if (change.namespace === null || change.namespace === run.config.namespace) {
        shown.show(undefined);
        shown.conversations = [];
      }
  }
}

/**
 * Another tab (or widget) made a different conversation current: show it here too, unless a
 * call is live here or the change predates this widget's own latest choice (a late echo of a
 * write it has since overridden, such as a status saved just before "new conversation").
 */
async function followOtherTab(
  { run, shown, call, host }: ConversationContext,
  changed: StoredConversation | undefined,
): Promise<void> {
  if (call.busy) return;
  const { namespace, agentId } = run.config;
  const current = changed ?? (await (await run.store)?.currentConversation(namespace, agentId));
  if (
    !current?.current ||
    current.namespace !== namespace ||
    current.agentId !== agentId ||
    current.updatedAt <= shown.lastChoiceAt ||
    current.id === shown.conversation?.id ||
    run.stale ||
    call.live
  ) {
    return;
  }
  shown.show(current);
  host.dispatchEvent(new KrosaiConversationChangedEvent(current));
  await shown.loadMessages(run);
}
