import { html } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import type { StoredConversation } from '../store/types.js';
import { formatDate, isoDate } from './dates.js';
import { clippedTitle } from './long-text.js';

export interface HistoryView {
  strings: KrosaiStrings;
  lang: string;
  conversations: StoredConversation[];
  currentId: string | undefined;
  onSelect: (id: string) => void;
}

/** The visitor's conversations with this agent, newest first, each a button that shows it. */
export function historyTemplate(view: HistoryView) {
  const { strings } = view;
  const sorted = [...view.conversations].sort((a, b) => b.createdAt - a.createdAt);
  return html`
    <nav class="history" part="history" aria-label=${strings.historyLabel}>
      ${
        sorted.length === 0
          ? html`<p class="placeholder">${strings.historyEmpty}</p>`
          : html`<ul>
            ${sorted.map(
              (conversation) => html`<li>
                <button
                  type="button"
                  part="button history-item"
                  aria-current=${conversation.id === view.currentId ? 'true' : 'false'}
                  @click=${() => view.onSelect(conversation.id)}
                >
                  <span class="history-title">${clippedTitle(conversation.title)}</span>
                  <time datetime=${isoDate(conversation.createdAt)}>
                    ${formatDate(conversation.createdAt, view.lang)}
                  </time>
                </button>
              </li>`,
            )}
          </ul>`
      }
    </nav>
  `;
}
