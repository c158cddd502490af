import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How close to the end, in pixels, still counts as "at the bottom". */
const BOTTOM_SLACK = 48;

/** The message a scrolled-up visitor is reading, and how far below the list's top it is. */
interface Anchor {
  row: Element;
  top: number;
}

/**
 * Keeps the message list pinned to its end while the visitor is there (opening a conversation,
 * new messages, messages that grow), and otherwise keeps the message they are reading where it is
 * (older pages arriving above it, changes around it) and raises `hasNewBelow` for new messages.
 * It asks for older messages when the visitor nears the top. Every scroll it makes happens before
 * the browser paints, so no frame shows the list anywhere else.
 */
export class ScrollFollowController implements ReactiveController {
  hasNewBelow = false;
  private atBottom = true;
  private lastKey: string | undefined;
  private lastTail: unknown;
  private visitorScrolling = false;
  private followPending = false;
  private anchor: Anchor | undefined;
  /** Messages laid out or resized (a font, a "show more", the panel): keep the place then too. */
  private readonly resizes =
    typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.keepPlace()) : undefined;
  private observed: Element | undefined;
  /** The last list of messages rendered, even while the history view replaces it. */
  private lastStack: Element | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      list: () => HTMLElement | null;
      /** Identifies what is shown; a new key (another conversation) opens at the end. */
      key: () => string | undefined;
      items: () => readonly unknown[];
      /** The visitor is within a screen of the top (or nothing scrolls): older messages, please. */
      nearTop: () => void;
      /** The list followed new messages to its end: the messages far above may go. */
      followed: () => void;
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
    // Only a new (or changed) last message is news below; older pages arrive above.
    const grew = tail !== this.lastTail;
    this.lastKey = key;
    this.lastTail = tail;
    if (switched) {
      this.atBottom = true;
      this.hasNewBelow = false;
      this.anchor = undefined;
    }
    if (!grew && !switched) return;
    if (this.atBottom) this.followPending = true;
    else if (items.length > 0) this.hasNewBelow = true;
  }

  /** After rendering, before the paint: scroll to the end, or back to the message being read. */
  hostUpdated(): void {
    const list = this.options.list();
    this.observe(list);
    if (this.followPending) {
      this.followPending = false;
      if (this.atBottom) {
        this.scrollToEnd();
        queueMicrotask(this.options.followed);
      }
    }
    if (!this.atBottom) this.restoreAnchor();
    // A list too short to scroll gets no scroll events: it may still have older pages to show.
    // (One not laid out, in a closed launcher panel, has no height to fill.)
    if (list && list.clientHeight > 0 && list.scrollHeight <= list.clientHeight) {
      queueMicrotask(this.options.nearTop);
    }
  }

  hostDisconnected(): void {
    this.resizes?.disconnect();
    this.observed = undefined;
  }

  /**
   * The list scrolled. Reaching the end resumes following; only the visitor (wheel, touch, keys,
   * scrollbar) can stop it: new messages and layout move the list too.
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
    if (this.atBottom) return;
    this.recordAnchor(list);
    if (list.scrollTop < list.clientHeight) this.options.nearTop();
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
   * Watches the list and its messages for size changes. A new list (back from the history view)
   * opens at the end, as a conversation does.
   */
  private observe(list: HTMLElement | null): void {
    const stack = list?.querySelector(':scope > .message-stack') ?? undefined;
    if (stack === this.observed) return;
    if (stack && this.lastStack && stack !== this.lastStack) {
      this.atBottom = true;
      this.anchor = undefined;
      this.scrollToEnd();
      if (this.hasNewBelow) queueMicrotask(() => this.setNewBelow(false));
    }
    this.observed = stack;
    this.lastStack = stack ?? this.lastStack;
    if (!this.resizes) return;
    this.resizes.disconnect();
    if (list && stack) {
      this.resizes.observe(list);
      this.resizes.observe(stack);
    }
  }

  private keepPlace(): void {
    if (this.atBottom) this.scrollToEnd();
    else this.restoreAnchor();
  }

  /**
   * Scrolls the list itself, never the page around it (an inline panel may end below the fold).
   * Setting scrollTop lays the list out at once, so the frame being prepared already shows it.
   */
  private scrollToEnd(): void {
    const list = this.options.list();
    if (list && this.options.items().length > 0) list.scrollTop = list.scrollHeight;
  }

  /** Remembers the first message in view: the one to keep in place when the list changes. */
  private recordAnchor(list: HTMLElement): void {
    const rows = list.querySelector(':scope > .message-stack')?.children;
    if (!rows || rows.length === 0) {
      this.anchor = undefined;
      return;
    }
    const top = list.getBoundingClientRect().top;
    let low = 0;
    let high = rows.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (rows[middle]!.getBoundingClientRect().bottom <= top) low = middle + 1;
      else high = middle;
    }
    const row = rows[low]!;
    this.anchor = { row, top: row.getBoundingClientRect().top - top };
  }

  /** Scrolls by however far the remembered message moved (messages added or resized above it). */
  private restoreAnchor(): void {
    const list = this.options.list();
    const anchor = this.anchor;
    if (!list || !anchor?.row.isConnected) return;
    const moved = anchor.row.getBoundingClientRect().top - list.getBoundingClientRect().top;
    if (Math.abs(moved - anchor.top) >= 1) list.scrollTop += moved - anchor.top;
  }

  private setNewBelow(value: boolean): void {
    if (this.hasNewBelow === value) return;
    this.hasNewBelow = value;
    this.host.requestUpdate();
  }
}
