import { html, nothing } from 'lit';
import type { ConsentTerms } from '../conversation/consent.js';
import type { KrosaiStrings } from '../i18n/strings.js';

export interface ConsentView {
  strings: KrosaiStrings;
  terms: ConsentTerms;
  onAnswer: (accepted: boolean) => void;
}

/** The site's terms before the first call, as plain text, with a link to the full terms. */
export function consentTemplate({ strings, terms, onAnswer }: ConsentView) {
  return html`
    <div
      class="consent"
      part="consent"
      role="group"
      aria-labelledby="consent-title"
      aria-describedby="consent-text"
      @keydown=${(event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        // Escape declines here, without closing the launcher's panel as well.
        event.stopPropagation();
        onAnswer(false);
      }}
    >
      <h3 id="consent-title" class="consent-title">${strings.consentTitle}</h3>
      <p id="consent-text" class="consent-text">${terms.text}</p>
      ${
        terms.link
          ? html`<a part="consent-link" href=${terms.link} target="_blank" rel="noopener noreferrer"
            >${terms.linkText || strings.consentLink}</a
          >`
          : nothing
      }
      <div class="consent-actions">
        <button type="button" part="button consent-accept-button" @click=${() => onAnswer(true)}>
          ${strings.consentAccept}
        </button>
        <button
          type="button"
          class="secondary"
          part="button consent-decline-button"
          @click=${() => onAnswer(false)}
        >
          ${strings.consentDecline}
        </button>
      </div>
    </div>
  `;
}
