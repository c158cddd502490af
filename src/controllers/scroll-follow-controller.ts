import { type VirtualizerHostElement, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const END_OF_LIST = { block: 'end', container: 'nearest' } as ScrollIntoViewOptions;

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
  private scrollPending = false;
  private visitorScrolling = false;
  private followPending = false;

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

  /** Before rendering: decide whether to follow the new messages or to offer a jump to them. */
  hostUpdate(): void {
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
      this.hasNewBelow = false;
    }
    if (!grew && !switched) return;
    if (this.atBottom) this.followPending = true;
    else if (items.length > 0) this.hasNewBelow = true;
  }

  /** After rendering: scroll to the messages just laid out. */
  hostUpdated(): void {
    if (!this.followPending) return;
    this.followPending = false;
    this.scrollToEnd();
  }

  /**
   * The list scrolled. Reaching the end resumes following; only the visitor (wheel, touch, keys,
   * scrollbar) can stop it: new messages and the virtualiser's own measuring move the list too.
   */
  onScroll = (): void => {
    const list = this.options.list();
    if (!list) return;
    const distance = list.scrollHeight - list.scrollTop - list.clientHeight;
    if (distance <= BOTTOM_SLACK) {
      this.atBottom = true;
      this.visitorScrolling = false;
      this.setNewBelow(false);
    } else if (this.visitorScrolling) {
      this.atBottom = false;
    }
  };

  /** The visitor reached for the list's scrolling (passive listener for wheel, touch, keys, pointer). */
  readonly onVisitorScroll = {
    handleEvent: (): void => {
      this.visitorScrolling = true;
    },
    passive: true,
  };

  /** Jumps to the newest message (the "new messages" button). */
  showNewest = (): void => {
    this.atBottom = true;
    this.visitorScrolling = false;
    this.setNewBelow(false);
    this.scrollToEnd();
    this.options.list()?.focus();
  };

  /**
   * Scrolls to the end two frames later, once the virtualiser has laid the new messages out: scrolling inside its
   * resize handling would make it render while the browser still delivers resize notifications.
   */
  private scrollToEnd(): void {
    if (this.scrollPending) return;
    this.scrollPending = true;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        this.scrollPending = false;
        const list = this.options.list() as (HTMLElement & VirtualizerHostElement) | null;
        const count = this.options.items().length;
        if (!list || !this.atBottom || count === 0) return;
        // Pinning the last message keeps it at the end while the virtualiser measures heights.
        // `container: 'nearest'` scrolls only the list: a rendered message is scrolled into view
        // natively, which would otherwise scroll the host page too when the panel ends below the
        // fold. (Browsers without the option ignore it.)
        const virtualizer = list[virtualizerRef];
        if (virtualizer) virtualizer.element(count - 1)?.scrollIntoView(END_OF_LIST);
        else list.scrollTop = list.scrollHeight;
      }),
    );
  }

  private setNewBelow(value: boolean): void {
    if (this.hasNewBelow === value) return;
    this.hasNewBelow = value;
    this.host.requestUpdate();
  }
}
