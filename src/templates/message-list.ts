import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import type { StoredMessage } from '../store/types.js';
import { type MessageContext, messageTemplate } from './message.js';

export interface MessageListView {
  messages: StoredMessage[];
  /**
   * Changes when another list replaces this one (another conversation, a restarted session): its
   * DOM is then rebuilt whole rather than item by item, since lit-html 3.3 leaves a marker comment
   * behind for every item `repeat` removes (lit/lit#5298), without bound on a long-lived page.
   */
  listKey: string;
  context: MessageContext;
  loading: boolean;
  /** Shown instead of the list when there is nothing to read (the `empty` slot's fallback). */
  emptyText: string;
  /** Text under the list when the conversation is over. */
  overText: string | undefined;
  hasNewBelow: boolean;
  /** Older messages are stored than those shown: the list offers them at its top. */
  hasOlder: boolean;
  /** They are being read. */
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onScroll: (event: Event) => void;
  /** Listener for the visitor's own scrolling gestures. */
  onVisitorScroll: EventListenerObject & AddEventListenerOptions;
  onShowNew: () => void;
}

/** A message keeps its element when a server message replaces its live copy (same segment). */
const messageKey = (message: StoredMessage) => message.segmentId ?? message.id;

/**
 * The scrolling list of messages. It holds the pages read so far (the newest when a conversation
 * opens, older ones as the visitor scrolls up), so a 10,000-message history costs one page of DOM
 * until someone reads it back. Every message read is in the DOM, for screen readers and find in
 * page; the button at the top reads the next older page for those who do not scroll.
 */
export function messageListTemplate(view: MessageListView) {
  const { messages, context } = view;
  const empty = !view.loading && messages.length === 0;
  return html`
    <div class="list-area">
      ${view.loading ? html`<p class="placeholder">${context.strings.loading}</p>` : nothing}
      ${
        empty
          ? html`<div class="placeholder" part="empty"><slot name="empty">${view.emptyText}</slot></div>`
          : nothing
      }
      <div
        class="messages"
        part="message-list"
        role="region"
        aria-label=${context.strings.messagesLabel}
        tabindex="0"
        aria-busy=${view.loadingOlder ? 'true' : 'false'}
        ?hidden=${messages.length === 0}
        @scroll=${view.onScroll}
        @wheel=${view.onVisitorScroll}
        @touchmove=${view.onVisitorScroll}
        @pointerdown=${view.onVisitorScroll}
        @keydown=${view.onVisitorScroll}
      >
        ${
          view.hasOlder
            ? html`<button type="button" class="earlier" part="button earlier-messages-button" @click=${view.onLoadOlder}>
              ${context.strings.earlierMessages}
            </button>`
            : nothing
        }
        <div class="message-stack">
          ${keyed(
            view.listKey,
            html`${repeat(messages, messageKey, (message) => messageTemplate(message, context))}`,
          )}
        </div>
      </div>
      ${view.overText ? html`<p class="over" part="notice">${view.overText}</p>` : nothing}
      ${
        view.hasNewBelow
          ? html`<button type="button" class="new-below" part="button new-messages-button" @click=${view.onShowNew}>
            ${context.strings.newMessages}
          </button>`
          : nothing
      }
    </div>
  `;
}
