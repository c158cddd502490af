import { html, nothing } from 'lit';
import { format, type KrosaiStrings } from '../i18n/strings.js';
import { DEFAULT_DEVICE_ID, type MicrophoneInfo } from '../voice/microphones.js';

export interface MicrophonePickerView {
  strings: KrosaiStrings;
  microphones: readonly MicrophoneInfo[];
  /** The device picked; undefined: the system's default. */
  chosen: string | undefined;
  /** The picked one went away during the call: say the default took over. */
  fallback: boolean;
  onPick: (deviceId: string | undefined) => void;
}

/**
 * The microphone picker (a native select: keyboard and screen readers know it) and the notice
 * after an unplugged microphone. Absent while the browser lists no named microphones.
 */
export function microphonePickerTemplate(view: MicrophonePickerView) {
  const { strings, microphones } = view;
  const notice = view.fallback
    ? html`<p class="notice" part="notice microphone-notice" role="status">
        ${strings.microphoneFallback}
      </p>`
    : nothing;
  if (microphones.length === 0) return notice;
  const hasDefault = microphones.some((device) => device.deviceId === DEFAULT_DEVICE_ID);
  const selected = view.chosen ?? (hasDefault ? DEFAULT_DEVICE_ID : '');
  return html`
    <div class="microphone" part="microphone">
      <label for="microphone-select">${strings.microphone}</label>
      <select
        id="microphone-select"
        part="microphone-select"
        @change=${(event: Event) => {
          const value = (event.currentTarget as HTMLSelectElement).value;
          view.onPick(value && value !== DEFAULT_DEVICE_ID ? value : undefined);
        }}
      >
        ${hasDefault ? nothing : html`<option value="" ?selected=${selected === ''}>${strings.microphoneDefault}</option>`}
        ${microphones.map(
          (device, index) => html`<option
            value=${device.deviceId}
            ?selected=${device.deviceId === selected}
          >
            ${device.label || format(strings.microphoneUnnamed, { number: index + 1 })}
          </option>`,
        )}
      </select>
    </div>
    ${notice}
  `;
}
