import { html } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import { sendIcon } from './icons.js';

/**
 * Why the composer reads as it does: sends now, joins the conversation in text first, waits for
 * the agent, sends although voice failed, or cannot send.
 */
export type ComposerMode = 'send' | 'starts-text' | 'waits' | 'voice-unavailable' | 'unavailable';

export interface ComposerView {
  strings: KrosaiStrings;
  mode: ComposerMode;
  /** The visitor sent this text (never blank); the field is already cleared. */
  onSend: (text: string) => void;
}

/** Reads and clears the field: blank text sends nothing and stays as typed. */
function submitted(view: ComposerView) {
  return (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('text') as HTMLInputElement;
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    view.onSend(text);
  };
}

function hint(strings: KrosaiStrings, mode: ComposerMode): string {
  if (mode === 'starts-text') return strings.composerStartsText;
  if (mode === 'voice-unavailable') return strings.composerVoiceUnavailable;
  if (mode === 'waits') return strings.composerWait;
  if (mode === 'unavailable') return strings.composerUnavailable;
  return '';
}

/** Typed text goes to the agent, without the microphone; the hint says what sending will do. */
export function composerTemplate(view: ComposerView) {
  const { strings } = view;
  const disabled = view.mode === 'unavailable';
  const text = hint(strings, view.mode);
  return html`
    <form class="composer" part="composer" @submit=${submitted(view)}>
      <label class="visually-hidden" for="composer-input">${strings.composerLabel}</label>
      <input
        id="composer-input"
        name="text"
        part="composer-input"
        autocomplete="off"
        placeholder=${strings.composerPlaceholder}
        aria-describedby="composer-hint"
        ?disabled=${disabled}
      />
      <button type="submit" class="send" part="button send-button" ?disabled=${disabled}>
        ${sendIcon}<span class="visually-hidden">${strings.send}</span>
      </button>
      <p id="composer-hint" class="hint">${text}</p>
    </form>
  `;
}
