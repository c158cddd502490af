import { html } from 'lit';
import { format, type KrosaiStrings } from '../i18n/strings.js';
import type { MessageFeedback, StoredMessage } from '../store/types.js';
import { downloadIcon, thumbDownIcon, thumbUpIcon } from './icons.js';

/** The header's button that downloads the shown conversation's transcript. */
export function downloadButtonTemplate(strings: KrosaiStrings, onDownload: () => void) {
  return html`<button
    type="button"
    class="icon-button"
    part="button download-button"
    title=${strings.downloadTranscript}
    @click=${onDownload}
  >
    ${downloadIcon}<span class="visually-hidden">${strings.downloadTranscript}</span>
  </button>`;
}

/** Thumbs up and down under an agent message; the pressed one is the visitor's feedback. */
export function feedbackTemplate(
  message: StoredMessage,
  strings: KrosaiStrings,
  onRate: (message: StoredMessage, value: MessageFeedback) => void,
) {
  const button = (value: MessageFeedback, label: string, icon: unknown) =>
    html`<button
      type="button"
      class="feedback-button"
      part="button feedback-button feedback-${value}-button"
      aria-pressed=${message.feedback === value ? 'true' : 'false'}
      title=${label}
      @click=${() => onRate(message, value)}
    >
      ${icon}<span class="visually-hidden">${label}</span>
    </button>`;
  return html`<span class="feedback" part="feedback">
    ${button('up', strings.feedbackGood, thumbUpIcon)}${button('down', strings.feedbackBad, thumbDownIcon)}
  </span>`;
}

export interface RatingView {
  strings: KrosaiStrings;
  /** The rating given, if any. */
  rating: number | undefined;
  onRate: (rating: number) => void;
}

/** The end-of-call rating: five buttons, then thanks once the visitor chose. */
export function ratingTemplate(view: RatingView) {
  const { strings } = view;
  if (view.rating !== undefined) {
    return html`<p class="rating-thanks" part="notice rating-thanks" role="status">${strings.ratingThanks}</p>`;
  }
  return html`<div class="rating" part="rating" role="group" aria-labelledby="rating-question">
    <span id="rating-question">${strings.ratingQuestion}</span>
    <span class="rating-choices">
      ${[1, 2, 3, 4, 5].map(
        (value) => html`<button
          type="button"
          part="button rating-button"
          aria-label=${format(strings.ratingValue, { count: value })}
          data-rating=${value}
          @click=${() => view.onRate(value)}
        >
          <span aria-hidden="true">${value}★</span>
        </button>`,
      )}
    </span>
  </div>`;
}
