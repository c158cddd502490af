import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { KrosaiMessageEvent } from '../events.js';

const STORAGE_PREFIX = 'krosai-conversation:open:';

/**
 * The launcher's open state (remembered for this tab in sessionStorage, so it survives page
 * navigation) and the count of agent messages that arrived while it was closed.
 */
export class LauncherController implements ReactiveController {
  unread = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: {
      isOpen: () => boolean;
      setOpen: (open: boolean) => void;
      /** Separates the memory of two widgets on one site. */
      key: () => string;
      active: () => boolean;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener(KrosaiMessageEvent.type, this.onMessage);
    const remembered = this.remembered();
    if (remembered !== undefined && this.options.active()) this.options.setOpen(remembered);
  }

  hostDisconnected(): void {
    this.host.removeEventListener(KrosaiMessageEvent.type, this.onMessage);
  }

  /** Opens or closes at the visitor's request, and remembers it for this tab. */
  toggle(open: boolean): void {
    this.options.setOpen(open);
    if (open) this.unread = 0;
    try {
      sessionStorage.setItem(STORAGE_PREFIX + this.options.key(), open ? '1' : '0');
    } catch {
      // Storage refused (privacy mode): the state just is not remembered.
    }
    this.host.requestUpdate();
  }

  /** The key changed (another namespace or agent): restore what this tab remembers for it. */
  restore(): void {
    const remembered = this.remembered();
    if (remembered !== undefined) this.options.setOpen(remembered);
  }

  private remembered(): boolean | undefined {
    try {
      const value = sessionStorage.getItem(STORAGE_PREFIX + this.options.key());
      return value === null ? undefined : value === '1';
    } catch {
      return undefined;
    }
  }

  private readonly onMessage = (event: KrosaiMessageEvent): void => {
    if (event.target !== this.host || event.message.role !== 'assistant') return;
    if (!this.options.active() || this.options.isOpen()) return;
    this.unread += 1;
    this.host.requestUpdate();
  };
}
