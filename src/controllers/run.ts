import type { ConversationRef, KrosaiApi } from '../api/types.js';
import type { ConversationConfig } from '../config/resolve-config.js';
import type { ConversationStore, StoredConversation } from '../store/types.js';

/**
 * One connection of the element to one configuration: its API client, its store and what it
 * subscribed to. Removal or a configuration change closes it, and every async step checks it
 * before committing a result, so a stale answer never lands on screen.
 */
export class Run {
  private readonly abort = new AbortController();
  readonly signal = this.abort.signal;
  api: KrosaiApi | undefined;
  store: Promise<ConversationStore> | undefined;
  unsubscribe: (() => void) | undefined;
  /** Settles once the stored conversation (if any) is on screen, or loading gave up. */
  readonly shown: Promise<void>;
  markShown: () => void = () => {};

  constructor(readonly config: ConversationConfig) {
    this.shown = new Promise((resolve) => {
      this.markShown = resolve;
    });
  }

  /** Stops everything the run started and lets go of its store. */
  close(): void {
    this.abort.abort();
    this.markShown();
    this.unsubscribe?.();
    // Write what is batched before letting go of the database.
    void this.store
      ?.then(async (store) => {
        await store.flush().catch(() => undefined);
        store.close();
      })
      .catch(() => undefined);
  }

  /** The element was removed or reconfigured since (every replaced run is closed). */
  get stale(): boolean {
    return this.signal.aborted;
  }
}

/** How the API identifies a stored conversation (backend mode adds the ownership handle). */
export const refOf = (conversation: StoredConversation): ConversationRef => ({
  id: conversation.id,
  handle: conversation.handle,
});
