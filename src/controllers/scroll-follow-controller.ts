import { type VirtualizerHostElement, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How close to the end, in pixels, still counts as "at the bottom". */
const BOTTOM_SLACK = 48;

/**
 * Keeps the message list pinned to its end while the visitor is there (opening a conversation,
 * new messages), and otherwise leaves their scroll alone and raises `hasNewBelow` instead.
 */
export class ScrollFollowController implements ReactiveController {
  hasNewBelow = false;
  private atBottom = true;
  private lastCount = 0;
  private lastKey: string | undefined;
  private lastTail: unknown;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      list: () => HTMLElement | null;
      /** Identifies what is shown; a new key (another conversation) opens at the end. */
      key: () => string | undefined;
      items: () => readonly unknown[];
    },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const items = this.options.items();
    const key = this.options.key();
    const tail = items[items.length - 1];
    const switched = key !== this.lastKey;
    const grew = items.length !== this.lastCount || tail !== this.lastTail;
    this.lastKey = key;
    this.lastCount = items.length;
    this.lastTail = tail;
    if (switched) {
      this.atBottom = true;
      this.setNewBelow(false);
    }
    if (!grew && !switched) return;
    if (this.atBottom) void this.scrollToEnd();
    else if (items.length > 0) this.setNewBelow(true);
  }

  /** The list scrolled (by the visitor or by us). */
  onScroll = (): void => {
    const list = this.options.list();
    if (!list) return;
    this.atBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= BOTTOM_SLACK;
    if (this.atBottom) this.setNewBelow(false);
  };

  /** Jumps to the newest message (the "new messages" button). */
  showNewest = (): void => {
    this.atBottom = true;
    this.setNewBelow(false);
    void this.scrollToEnd();
    this.options.list()?.focus();
  };

  private async scrollToEnd(): Promise<void> {
    const list = this.options.list() as (HTMLElement & VirtualizerHostElement) | null;
    const count = this.options.items().length;
    if (!list || count === 0) return;
    const virtualizer = list[virtualizerRef];
    // The virtualizer measures items as it lays them out: ask it for the last one, then make sure.
    virtualizer?.element(count - 1)?.scrollIntoView({ block: 'end' });
    await virtualizer?.layoutComplete.catch(() => undefined);
    if (this.atBottom) list.scrollTop = list.scrollHeight;
  }

  private setNewBelow(value: boolean): void {
    if (this.hasNewBelow === value) return;
    this.hasNewBelow = value;
    this.host.requestUpdate();
  }
}
