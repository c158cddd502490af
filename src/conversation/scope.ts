import { KrosaiError } from '../errors.js';
import type { ConversationStore } from '../store/types.js';
import type { ConversationEvent } from './types.js';

/**
 * The lifetime of one conversation session: its abort signal, its opened store, and the one guard
 * for stale results. Everything the session and its view await of their own work goes through
 * `fresh()`, so once the session is closed (the element removed or reconfigured) no late answer
 * commits, and nothing more is said.
 */
export class SessionScope {
  private readonly abort = new AbortController();
  readonly signal = this.abort.signal;

  constructor(
    readonly store: Promise<ConversationStore>,
    private readonly onEvent: (event: ConversationEvent) => void,
    private readonly onFailure: (error: unknown) => void,
  ) {
    store.catch(() => undefined);
  }

  get closed(): boolean {
    return this.signal.aborted;
  }

  /** Awaits the session's own work; once the scope is closed its result is thrown away. */
  async fresh<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    if (this.closed) throw new KrosaiError('aborted', 'The conversation session was closed.');
    return result;
  }

  /** The opened store, while the scope is open. */
  openStore(): Promise<ConversationStore> {
    return this.fresh(this.store);
  }

  /** Runs work nobody awaits; its failure is reported like any other. */
  background(work: Promise<unknown>): void {
    work.catch(this.onFailure);
  }

  /** A closed scope says nothing: its listener belongs to the next session by then. */
  emit(event: ConversationEvent): void {
    if (!this.closed) this.onEvent(event);
  }

  /** Stops every request and lets go of the store, after writing what is batched. */
  close(): void {
    if (this.closed) return;
    this.abort.abort();
    void this.store
      .then(async (store) => {
        await store.flush().catch(() => undefined);
        store.close();
      })
      .catch(() => undefined);
  }
}

export const UPDATE: ConversationEvent = { type: 'update' };
