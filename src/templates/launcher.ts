import { html, nothing } from 'lit';
import { format, type KrosaiStrings } from '../i18n/strings.js';
import { chatIcon, closeIcon } from './icons.js';

export interface LauncherView {
  strings: KrosaiStrings;
  open: boolean;
  unread: number;
  onToggle: () => void;
  /** Escape on the launcher closes the panel too. */
  onKeydown: (event: KeyboardEvent) => void;
  /** `manual` puts the button in the top layer (see TopLayerController). */
  popover: 'manual' | typeof nothing;
}

/** The floating button of `mode="launcher"`, with the count of agent messages missed while closed. */
export function launcherTemplate(view: LauncherView) {
  const { strings } = view;
  const unread = !view.open && view.unread > 0;
  const unreadText = format(strings.unread, { count: view.unread });
  const label = view.open
    ? strings.closePanel
    : unread
      ? `${strings.openPanel} (${unreadText})`
      : strings.openPanel;
  return html`
    <button
      type="button"
      class="launcher"
      part="launcher"
      popover=${view.popover}
      aria-expanded=${view.open ? 'true' : 'false'}
      aria-controls="panel"
      aria-label=${label}
      title=""
      @click=${view.onToggle}
      @keydown=${view.onKeydown}
    >
      ${view.open ? closeIcon : chatIcon}
      ${
        unread
          ? html`<span class="badge" part="badge" aria-hidden="true">${view.unread}</span>`
          : nothing
      }
    </button>
  `;
}
