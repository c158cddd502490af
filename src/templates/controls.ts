import { html, nothing } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import { hangUpIcon, micIcon, micOffIcon } from './icons.js';

export interface ControlsView {
  strings: KrosaiStrings;
  /** Offer voice at all (not with `mode="text-only"`). */
  voice: boolean;
  /** A voice call is live: the call button hangs up. */
  live: boolean;
  /** In a text conversation: whether the agent's voice plays; undefined otherwise (no toggle). */
  speakerOn: boolean | undefined;
  /** Connected far enough that mute makes sense. */
  canMute: boolean;
  muted: boolean;
  audioBlocked: boolean;
  onCall: () => void;
  onPrepare: () => void;
  onMute: () => void;
  onEnableAudio: () => void;
  onSpeaker: () => void;
}

/**
 * The call button is one element that turns from "start" into "hang up", so keyboard focus
 * stays on it when the call starts or ends.
 */
function callButton(view: ControlsView) {
  const { strings } = view;
  return html`<button
    type="button"
    class="call ${view.live ? 'hang-up' : 'start'}"
    part="button mic-button ${view.live ? 'hangup-button' : 'start-button'}"
    @click=${view.onCall}
    @pointerenter=${view.onPrepare}
    @focus=${view.onPrepare}
  >
    ${view.live ? hangUpIcon : micIcon}
    <span>${view.live ? strings.hangUp : strings.startCall}</span>
  </button>`;
}

/**
 * Call controls: the call button, the agent's voice toggle in a text conversation, mute during a
 * voice call, and the sound button after the browser blocked the agent's audio.
 */
export function controlsTemplate(view: ControlsView) {
  const { strings } = view;
  return html`
    <div class="controls" part="controls">
      ${view.voice ? callButton(view) : nothing}
      ${
        view.speakerOn === undefined
          ? nothing
          : html`<button
            type="button"
            class="speaker"
            part="button speaker-button"
            aria-pressed=${view.speakerOn ? 'true' : 'false'}
            @click=${view.onSpeaker}
          >
            ${strings.agentSound}
          </button>`
      }
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
