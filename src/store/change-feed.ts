import { checkChange } from './record-check.js';
import type { StoreChange } from './types.js';

type Listener = (change: StoreChange) => void;

/**
 * Delivers store changes to this instance's listeners and, when given a channel name, to every
 * other instance on the origin with the same name (other tabs, or another store in this tab).
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private readonly channel: BroadcastChannel | undefined;

  constructor(channelName?: string, onRemote?: (change: StoreChange) => void) {
    if (channelName && typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(channelName);
      this.channel.onmessage = (event: MessageEvent<unknown>) => {
        // Anything on the origin may post to the channel: only well-formed changes get through.
        const change = checkChange(event.data);
        if (change === undefined) return;
        onRemote?.(change);
        this.notify(change);
      };
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells this instance's listeners only. */
  notify(change: StoreChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One broken listener must not starve the others or the store.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Tells other instances only. */
  broadcast(change: StoreChange): void {
    try {
      this.channel?.postMessage(change);
    } catch {
      // A closed channel (the store is closing) has no one left to tell.
    }
  }

  /** Tells everyone. */
  publish(change: StoreChange): void {
    this.notify(change);
    this.broadcast(change);
  }

  close(): void {
    this.listeners.clear();
    this.channel?.close();
  }
}
