import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Below this width the launcher's panel is a full-screen sheet. */
export const PHONE_QUERY = '(max-width: 40rem)';

/**
 * The launcher's panel on a phone: a full-screen sheet while open. It follows the visual
 * viewport (VisualViewport API: the part of the page the on-screen keyboard leaves visible,
 * whatever the page's `interactive-widget` setting), so the composer stays above the keyboard;
 * keeps Tab inside the sheet; and stops the page behind it from scrolling. On larger screens the
 * panel floats and may be expanded. Listens to nothing while the sheet is closed.
 */
export class SheetController implements ReactiveController {
  /** The screen is phone-sized (the panel opens as a sheet). */
  phone = false;
  /** On larger screens: the visitor enlarged the floating panel. */
  expanded = false;
  private readonly query: MediaQueryList | undefined;
  private following = false;
  private pageOverflow: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: {
      /** The launcher's panel is on show. */
      open: () => boolean;
      panel: () => HTMLElement | null;
    },
  ) {
    this.query = typeof matchMedia === 'function' ? matchMedia(PHONE_QUERY) : undefined;
    this.phone = this.query?.matches ?? false;
    host.addController(this);
  }

  /** The sheet is open now. */
  get active(): boolean {
    return this.phone && this.options.open();
  }

  hostConnected(): void {
    this.query?.addEventListener('change', this.onQuery);
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.onQuery);
    this.release();
  }

  hostUpdated(): void {
    if (this.active) this.hold();
    else this.release();
  }

  toggleExpanded(): void {
    this.expanded = !this.expanded;
    this.host.requestUpdate();
  }

  /** Tab and Shift+Tab wrap around inside the sheet. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    if (!this.active || event.key !== 'Tab') return;
    const panel = this.options.panel();
    if (!panel) return;
    const focusable = Array.from(
      panel.querySelectorAll<HTMLElement>(
        'button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])',
      ),
    ).filter((element) => element.offsetParent !== null || element === document.activeElement);
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    const root = this.host.shadowRoot;
    const current = root?.activeElement;
    if (event.shiftKey && current === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && current === last) {
      event.preventDefault();
      first.focus();
    }
  };

  private readonly onQuery = (event: MediaQueryListEvent) => {
    this.phone = event.matches;
    this.host.requestUpdate();
  };

  private readonly onViewport = () => {
    const viewport = window.visualViewport;
    const panel = this.options.panel();
    if (!viewport || !panel) return;
    panel.style.setProperty('--_sheet-top', `${viewport.offsetTop}px`);
    panel.style.setProperty('--_sheet-height', `${viewport.height}px`);
  };

  private hold(): void {
    if (this.following) return;
    this.following = true;
    window.visualViewport?.addEventListener('resize', this.onViewport);
    window.visualViewport?.addEventListener('scroll', this.onViewport);
    this.onViewport();
    // The page behind a full-screen sheet must not scroll under the visitor's finger.
    const page = document.documentElement;
    this.pageOverflow = page.style.overflow;
    page.style.overflow = 'hidden';
  }

  private release(): void {
    if (!this.following) return;
    this.following = false;
    window.visualViewport?.removeEventListener('resize', this.onViewport);
    window.visualViewport?.removeEventListener('scroll', this.onViewport);
    document.documentElement.style.overflow = this.pageOverflow ?? '';
    this.pageOverflow = undefined;
  }
}
