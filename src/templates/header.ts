import { html, nothing, type TemplateResult } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import { historyIcon, plusIcon } from './icons.js';

export interface HeaderView {
  strings: KrosaiStrings;
  /** The heading (the element's `label`, or the localized default). */
  label: string;
  /** The history view is on show. */
  inHistory: boolean;
  onToggleHistory: () => void;
  onNewConversation: () => void;
  /** The launcher panel's own buttons (expand or close), after the others. */
  panelActions?: TemplateResult | typeof nothing;
}

/** The panel's heading (the `header` slot's fallback) and its history and new-conversation buttons. */
export function headerTemplate(view: HeaderView) {
  const { strings } = view;
  return html`
    <header part="header">
      <slot name="header"><h2>${view.label}</h2></slot>
      <div class="header-actions">
        <button
          type="button"
          class="icon-button"
          part="button history-button"
          aria-pressed=${view.inHistory ? 'true' : 'false'}
          title=${strings.showHistory}
          @click=${view.onToggleHistory}
        >
          ${historyIcon}<span class="visually-hidden">${strings.showHistory}</span>
        </button>
        <button
          type="button"
          class="icon-button"
          part="button new-conversation-button"
          title=${strings.newConversation}
          @click=${view.onNewConversation}
        >
          ${plusIcon}<span class="visually-hidden">${strings.newConversation}</span>
        </button>
        ${view.panelActions ?? nothing}
      </div>
    </header>
  `;
}
