import { html, nothing } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import { hangUpIcon, micIcon, micOffIcon } from './icons.js';

export interface ControlsView {
  strings: KrosaiStrings;
  live: boolean;
  /** Connected far enough that mute makes sense. */
  canMute: boolean;
  muted: boolean;
  audioBlocked: boolean;
  onCall: () => void;
  onPrepare: () => void;
  onMute: () => void;
  onEnableAudio: () => void;
}

/**
 * Call controls. The call button is one element that turns from "start" into "hang up", so
 * keyboard focus stays on it when the call starts or ends.
 */
export function controlsTemplate(view: ControlsView) {
  const { strings } = view;
  return html`
    <div class="controls" part="controls">
      <button
        type="button"
        class="call ${view.live ? 'hang-up' : 'start'}"
        part="button mic-button ${view.live ? 'hangup-button' : 'start-button'}"
        @click=${view.onCall}
        @pointerenter=${view.onPrepare}
        @focus=${view.onPrepare}
      >
        ${view.live ? hangUpIcon : micIcon}
        <span>${view.live ? strings.hangUp : strings.startCall}</span>
      </button>
      ${
        view.canMute
          ? html`<button
            type="button"
            class="mute"
            part="button mute-button"
            aria-pressed=${view.muted ? 'true' : 'false'}
            @click=${view.onMute}
          >
            ${view.muted ? micOffIcon : micIcon}<span>${strings.mute}</span>
          </button>`
          : nothing
      }
      ${
        view.audioBlocked
          ? html`<button type="button" part="button audio-button" @click=${view.onEnableAudio}>
            ${strings.enableAudio}
          </button>`
          : nothing
      }
    </div>
  `;
}
