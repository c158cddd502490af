import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The launcher and its open panel live in the top layer (`popover="manual"`), above the page:
 * a `transform`, `filter` or `overflow: hidden` on an ancestor (a CMS block the snippet was pasted
 * into) cannot clip them, and no `z-index` can cover them. `stacking="z-index"` opts out, for a
 * site whose consent banner must stay above the widget (then `--krosai-z-index` decides).
 */
export class TopLayerController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Each popover element and whether it should be shown now. */
    private readonly layers: () => Array<[HTMLElement | null | undefined, boolean]>,
  ) {
    host.addController(this);
  }

  /** Leaving the document hides a popover; coming back shows it again. */
  hostConnected(): void {
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    for (const [element, shown] of this.layers()) sync(element, shown && this.host.isConnected);
  }
}

function sync(element: HTMLElement | null | undefined, shown: boolean): void {
  if (!element?.hasAttribute('popover') || typeof element.showPopover !== 'function') return;
  const open = element.matches(':popover-open');
  try {
    if (shown && !open) element.showPopover();
    else if (!shown && open) element.hidePopover();
  } catch {
    // Not in the document any more: hostConnected() shows it again when it is back.
  }
}
