import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { html, nothing } from 'lit';
import type { StoredMessage } from '../store/types.js';
import { type MessageContext, messageTemplate } from './message.js';

export interface MessageListView {
  messages: StoredMessage[];
  context: MessageContext;
  loading: boolean;
  /** Shown instead of the list when there is nothing to read (the `empty` slot's fallback). */
  emptyText: string;
  /** Text under the list when the conversation is over. */
  overText: string | undefined;
  hasNewBelow: boolean;
  onScroll: (event: Event) => void;
  /** Listener for the visitor's own scrolling gestures. */
  onVisitorScroll: EventListenerObject & AddEventListenerOptions;
  onShowNew: () => void;
}

/**
 * The scrolling list of messages. Virtualised: only the messages near the viewport are in the
 * DOM, so a 10,000-message history costs a few dozen nodes.
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
        ?hidden=${messages.length === 0}
        @scroll=${view.onScroll}
        @wheel=${view.onVisitorScroll}
        @touchmove=${view.onVisitorScroll}
        @pointerdown=${view.onVisitorScroll}
        @keydown=${view.onVisitorScroll}
      >
        ${virtualize({
          items: messages,
          // When the list shrinks, the virtualizer renders once more with its old range, asking
          // for slots past the end: key them by position and leave them empty.
          keyFunction: (message: StoredMessage | undefined, index: number) =>
            message ? (message.segmentId ?? message.id) : index,
          renderItem: (message: StoredMessage | undefined) =>
            message ? messageTemplate(message, context) : html``,
          scroller: true,
        })}
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
