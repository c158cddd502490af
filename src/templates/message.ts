import { html, nothing } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import type { MessageFeedback, StoredMessage } from '../store/types.js';
import { feedbackTemplate } from './content.js';
import { formatTime, isoDate } from './dates.js';
import { ANY_HOST, type LinkPolicy, splitLinks, type TextPart } from './links.js';
import { shownEnd, type TextReveal } from './long-text.js';

/**
 * A site's own rendering of a message's content (Markdown through its sanitiser, say). Return
 * anything Lit renders, or `undefined` to keep the default: plain text with safe links.
 */
export type MessageRenderer = (message: StoredMessage) => unknown;

export interface MessageContext {
  strings: KrosaiStrings;
  lang: string;
  renderer: MessageRenderer | undefined;
  /** How much of each long message is shown. */
  reveal: Pick<TextReveal, 'partsOf' | 'showMore'>;
  /** The links messages may hold (`link-hosts`). */
  links?: LinkPolicy;
  /** Agent text as Markdown, or undefined while the Markdown chunk loads (plain text meanwhile). */
  markdown?: (text: string, links: LinkPolicy) => unknown;
  /** Thumbs up and down on final agent messages (the element's `feedback`), when set. */
  onFeedback?: (message: StoredMessage, value: MessageFeedback) => void;
}

/**
 * The first `end` characters of `text` as plain text, every character as text; only http(s) and
 * mailto links become anchors. A link the cut goes through stays text until it is shown whole:
 * half a URL may point somewhere else.
 */
export function messageText(text: string, end = text.length, links: LinkPolicy = ANY_HOST) {
  const parts: TextPart[] = splitLinks(text.slice(0, end), links);
  const last = parts.at(-1);
  if (last?.kind === 'link' && end < text.length && !/[\s<>"'`]/.test(text[end]!)) {
    parts[parts.length - 1] = { kind: 'text', text: last.text };
  }
  return parts.map((part) =>
    part.kind === 'link'
      ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer nofollow">${part.text}</a>`
      : part.text,
  );
}

export function messageTemplate(message: StoredMessage, context: MessageContext) {
  const fromUser = message.role === 'user';
  const interim = message.state === 'interim';
  const custom = siteRendering(message, context.renderer);
  const key = message.segmentId ?? message.id;
  const end = shownEnd(message.text, context.reveal.partsOf(key));
  const more = custom === undefined && end < message.text.length;
  const links = context.links ?? ANY_HOST;
  const markdown =
    custom === undefined && !fromUser && context.markdown
      ? context.markdown(message.text.slice(0, markdownEnd(message.text, end)), links)
      : undefined;
  return html`
    <div class="message-row ${fromUser ? 'from-user' : 'from-agent'}">
      <article
        class="message ${interim ? 'interim' : ''}"
        part="message ${fromUser ? 'message-user' : 'message-agent'}"
        data-message-id=${message.id}
        aria-label=${fromUser ? context.strings.you : context.strings.agent}
      >
        ${
          markdown === undefined
            ? html`<p class="text" dir="auto">${custom === undefined ? messageText(message.text, end, links) : custom}</p>`
            : html`<div class="text markdown" dir="auto">${markdown}</div>`
        }
        ${
          more
            ? html`<button type="button" class="show-more" part="button show-more-button" @click=${() => context.reveal.showMore(key)}>
              ${context.strings.showMore}
            </button>`
            : nothing
        }
        <footer class="meta">
          ${
            interim
              ? html`<span class="provisional">${context.strings.provisional}</span>`
              : html`<time datetime=${isoDate(message.createdAt)}>${formatTime(message.createdAt, context.lang)}</time>`
          }
          ${
            context.onFeedback && !fromUser && !interim
              ? feedbackTemplate(message, context.strings, context.onFeedback)
              : nothing
          }
        </footer>
      </article>
    </div>
  `;
}

/**
 * A long message shown in part is cut before a word, so the cut never goes through a link's
 * address (half a URL may point somewhere else) or a Markdown mark.
 */
function markdownEnd(text: string, end: number): number {
  if (end >= text.length) return end;
  const space = text.slice(0, end).search(/\s\S*$/);
  return space > 0 ? space : end;
}

/**
 * The site's rendering, or undefined for the default. A renderer that throws must not break the
 * widget's render (and with it every method the page awaits): its message falls back to text.
 */
function siteRendering(message: StoredMessage, renderer: MessageRenderer | undefined): unknown {
  try {
    return renderer?.(message);
  } catch {
    return undefined;
  }
}

/**
 * The hidden `role="log"`: final messages only, each announced once as it arrives, at most one
 * part of each (a screen reader reads on through "show more" in the list itself).
 */
export function announcerTemplate(messages: readonly StoredMessage[], strings: KrosaiStrings) {
  return html`
    <div class="visually-hidden" role="log" aria-live="polite" aria-relevant="additions">
      ${messages.map(
        (message) =>
          html`<p dir="auto">${message.role === 'user' ? strings.you : strings.agent}: ${message.text.slice(0, shownEnd(message.text, 1))}</p>`,
      )}
    </div>
  `;
}
