import { html, nothing } from 'lit';
import type { KrosaiError } from '../errors.js';
import type { KrosaiStrings } from '../i18n/strings.js';

export interface ErrorView {
  strings: KrosaiStrings;
  error: KrosaiError | undefined;
  canRetry: boolean;
  onRetry: () => void;
  onDismiss: () => void;
}

/** What went wrong in the visitor's language, what to do, and a retry. Never a stack trace. */
export function errorTemplate(view: ErrorView) {
  const { strings, error } = view;
  if (!error) return nothing;
  return html`
    <div class="error" part="error" role="alert" data-reason=${error.reason}>
      <p>${strings.errors[error.reason] ?? strings.errors.unknown}</p>
      <div class="error-actions">
        ${
          view.canRetry
            ? html`<button type="button" part="button retry-button" @click=${view.onRetry}>
              ${error.reason === 'call-elsewhere' ? strings.takeOver : strings.retry}
            </button>`
            : nothing
        }
        <button type="button" class="secondary" part="button dismiss-button" @click=${view.onDismiss}>
          ${strings.dismiss}
        </button>
      </div>
    </div>
  `;
}

export function storageWarningTemplate(strings: KrosaiStrings, show: boolean) {
  return show ? html`<p class="notice" part="notice">${strings.storageWarning}</p>` : nothing;
}
