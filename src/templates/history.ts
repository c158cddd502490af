import { html, nothing } from 'lit';
import { format, type KrosaiStrings } from '../i18n/strings.js';
import type { ConversationSummary, StoredConversation } from '../store/types.js';
import { formatDate, isoDate } from './dates.js';
import { downloadIcon } from './icons.js';
import { clippedTitle } from './long-text.js';

export interface HistoryView {
  strings: KrosaiStrings;
  lang: string;
  conversations: StoredConversation[];
  currentId: string | undefined;
  onSelect: (id: string) => void;
  /** Each conversation's length and first line, once read. */
  summaryOf?: (conversation: StoredConversation) => ConversationSummary | undefined;
  /** Downloads a conversation's transcript. */
  onDownload?: (id: string) => void;
  /** Goes on with an open conversation, by voice or typing. */
  onContinue?: (id: string, mode: 'voice' | 'text') => void;
  /** Leaves the conversations as history and starts a new one. */
  onStartAnew?: () => void;
}

/** The first line of a conversation, short enough for one line of the list. */
const firstLine = (summary: ConversationSummary | undefined) =>
  summary?.first?.text.split(/\r\n|\r|\n/, 1)[0]?.slice(0, 120) ?? '';

/**
 * The visitor's conversations with this agent, newest first: each a button that shows it (title,
 * date, length and first line), and beside it what can be done with it: go on by voice or text
 * while it is open, start anew once it is over, download its transcript.
 */
export function historyTemplate(view: HistoryView) {
  const { strings } = view;
  const sorted = [...view.conversations].sort((a, b) => b.createdAt - a.createdAt);
  return html`
    <nav class="history" part="history" aria-label=${strings.historyLabel}>
      ${
        sorted.length === 0
          ? html`<p class="placeholder">${strings.historyEmpty}</p>`
          : html`<ul>
            ${sorted.map((conversation) => itemTemplate(view, conversation))}
          </ul>`
      }
    </nav>
  `;
}

function itemTemplate(view: HistoryView, conversation: StoredConversation) {
  const { strings } = view;
  const summary = view.summaryOf?.(conversation);
  const open = conversation.status === 'active';
  const first = firstLine(summary);
  return html`<li>
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
      ${
        summary
          ? html`<span class="history-details" part="history-details">
              ${summary.count === 1 ? strings.historyOneMessage : format(strings.historyMessages, { count: summary.count })} ·
              ${open ? strings.historyActive : strings.historyOver}
            </span>`
          : nothing
      }
      ${first ? html`<span class="history-first" part="history-first-line" dir="auto">${first}</span>` : nothing}
    </button>
    ${actionsTemplate(view, conversation, open, summary)}
  </li>`;
}

function actionsTemplate(
  view: HistoryView,
  conversation: StoredConversation,
  open: boolean,
  summary: ConversationSummary | undefined,
) {
  const { strings } = view;
  const { id } = conversation;
  const title = clippedTitle(conversation.title);
  const hasMessages = (summary?.count ?? 0) > 0;
  if (!view.onDownload && !view.onContinue) return nothing;
  return html`<div class="history-actions" role="group" aria-label=${title || strings.historyLabel}>
    ${
      open && view.onContinue
        ? html`<button type="button" part="button history-continue-voice-button" @click=${() => view.onContinue?.(id, 'voice')}>
              ${strings.continueVoice}
            </button>
            <button type="button" part="button history-continue-text-button" @click=${() => view.onContinue?.(id, 'text')}>
              ${strings.continueText}
            </button>`
        : nothing
    }
    ${
      !open && view.onStartAnew
        ? html`<button type="button" part="button history-start-anew-button" @click=${view.onStartAnew}>
            ${strings.startAnew}
          </button>`
        : nothing
    }
    ${
      hasMessages && view.onDownload
        ? html`<button
            type="button"
            class="icon-button"
            part="button history-download-button"
            title=${format(strings.downloadTranscriptOf, { name: title })}
            @click=${() => view.onDownload?.(id)}
          >
            ${downloadIcon}<span class="visually-hidden">${format(strings.downloadTranscriptOf, { name: title })}</span>
          </button>`
        : nothing
    }
  </div>`;
}
