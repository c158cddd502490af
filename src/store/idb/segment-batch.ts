import type { StoredMessage } from '../types.js';

const key = (message: StoredMessage) => `${message.conversationId}\u0000${message.id}`;

/**
 * Collects streaming segment updates and writes them together, one transaction per interval
 * instead of one per update. Only the latest state of each message is written. Flushes when the
 * page is hidden or left, so nothing already acknowledged is lost to a closed tab.
 */
export class SegmentBatch {
  private pending = new Map<string, StoredMessage>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly flushOnLeave = () => {
    void this.flush().catch(this.onError);
  };
  private readonly flushWhenHidden = () => {
    if (document.visibilityState === 'hidden') this.flushOnLeave();
  };

  constructor(
    private readonly write: (messages: StoredMessage[]) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    addEventListener('pagehide', this.flushOnLeave);
    document.addEventListener('visibilitychange', this.flushWhenHidden);
  }

  add(message: StoredMessage): void {
    this.pending.set(key(message), message);
    this.timer ??= setTimeout(this.flushOnLeave, this.intervalMs);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Writes what is pending, after any write in progress. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.writing.then(() => {
      const batch = [...this.pending.values()];
      this.pending.clear();
      return batch.length > 0 ? this.write(batch) : undefined;
    });
    this.writing = run.catch(() => {});
    return run;
  }

  close(): void {
    clearTimeout(this.timer);
    removeEventListener('pagehide', this.flushOnLeave);
    document.removeEventListener('visibilitychange', this.flushWhenHidden);
  }
}
