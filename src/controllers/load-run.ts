import { canReachServer } from '../config/resolve-config.js';
import type { ConversationContext, ConversationDependencies } from './context.js';
import { syncFromServer } from './server-sync.js';
import { onStoreChange, onStoreWarning } from './store-changes.js';

/**
 * Connects a run: opens its API client and store, shows the stored conversation at once, then
 * lists the history and refreshes the conversation from the server. Never rejects: a failure is
 * reported, with `retry` to start over.
 */
export async function loadRun(
  context: ConversationContext,
  deps: Pick<ConversationDependencies, 'createApi' | 'openStore'>,
  retry: () => Promise<void>,
): Promise<void> {
  const { run, shown, host } = context;
  try {
    const { config } = run;
    if (canReachServer(config)) run.api = deps.createApi(config);
    run.store = deps.openStore(config, (warning) => onStoreWarning(context, warning));
    const store = await run.store;
    if (run.stale) return;
    run.unsubscribe = store.subscribe((change) => onStoreChange(context, change));
    const current = config.agentId
      ? await store.currentConversation(config.namespace, config.agentId)
      : undefined;
    if (run.stale) return;
    shown.show(current);
    await shown.loadMessages(run);
    shown.loading = false;
    run.markShown();
    host.requestUpdate();
    await shown.loadHistory(run);
    if (current) await syncFromServer(context, current);
  } catch (error) {
    run.markShown();
    if (run.stale) return;
    shown.loading = false;
    context.errors.report(error, retry);
  }
}
