import { html, nothing } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import { closeIcon, collapseIcon, expandIcon } from './icons.js';

export interface PanelActionsView {
  strings: KrosaiStrings;
  /** The panel is a full-screen sheet now (a phone, open). */
  sheet: boolean;
  /** The screen is phone-sized. */
  phone: boolean;
  /** On larger screens: the floating panel is enlarged. */
  expanded: boolean;
  onClose: () => void;
  onToggleExpanded: () => void;
}

/** On a phone the sheet covers the launcher, so it has its own close button; elsewhere, expand. */
export function panelActionsTemplate(view: PanelActionsView) {
  const { strings, sheet, expanded } = view;
  if (sheet) {
    return html`<button
      type="button"
      class="icon-button"
      part="button close-button"
      title=${strings.closePanel}
      @click=${view.onClose}
    >
      ${closeIcon}<span class="visually-hidden">${strings.closePanel}</span>
    </button>`;
  }
  if (view.phone) return nothing;
  const label = expanded ? strings.collapsePanel : strings.expandPanel;
  return html`<button
    type="button"
    class="icon-button"
    part="button expand-button"
    aria-pressed=${expanded ? 'true' : 'false'}
    title=${label}
    @click=${view.onToggleExpanded}
  >
    ${expanded ? collapseIcon : expandIcon}<span class="visually-hidden">${label}</span>
  </button>`;
}
