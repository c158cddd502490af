import { html, nothing } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import type { MicrophoneInfo } from '../voice/microphones.js';
import type { AgentState, CallEndReason, CallState } from '../voice/voice-session.js';
import { type ComposerMode, composerTemplate } from './composer.js';
import { controlsTemplate } from './controls.js';
import { microphonePickerTemplate } from './microphone-picker.js';
import { statusTemplate } from './status.js';

/** The call as the bottom of the panel shows it. */
export interface ShownCall {
  readonly state: CallState;
  readonly mode: 'voice' | 'text';
  readonly endReason: CallEndReason | undefined;
  readonly agentState: AgentState;
  readonly live: boolean;
  readonly muted: boolean;
  readonly audioBlocked: boolean;
  readonly speakerOn: boolean;
  /** When the voice call connected (epoch ms), for the call timer; undefined otherwise. */
  readonly voiceSince: number | undefined;
  /** The microphone the visitor picked; undefined: the system's default. */
  readonly microphoneDeviceId: string | undefined;
  /** The picked microphone went away during the call and the default took over. */
  readonly microphoneFallback: boolean;
}

export interface CallAreaView {
  strings: KrosaiStrings;
  call: ShownCall;
  /** Offer voice at all (not with `mode="text-only"`). */
  voice: boolean;
  composerMode: ComposerMode;
  onCall: () => void;
  onPrepare: () => void;
  onMute: () => void;
  onEnableAudio: () => void;
  onSpeaker: () => void;
  onSend: (text: string) => void;
  /** The microphones to pick from (empty: none, or no permission yet to list them). */
  microphones: readonly MicrophoneInfo[];
  onPickMicrophone: (deviceId: string | undefined) => void;
}

/** The status line, the call's controls and the composer. */
export function callAreaTemplate(view: CallAreaView) {
  const { strings, call } = view;
  const voiceLive = call.live && call.mode === 'voice';
  return html`
    ${statusTemplate({
      strings,
      callState: call.state,
      agentState: call.agentState,
      endReason: call.endReason,
      showLevels: call.state === 'connected',
      showTimer: call.voiceSince !== undefined,
    })}
    ${controlsTemplate({
      ...view,
      live: voiceLive,
      speakerOn: call.live && call.mode === 'text' ? call.speakerOn : undefined,
      canMute: voiceLive && call.state !== 'connecting',
      muted: call.muted,
      audioBlocked: call.audioBlocked,
    })}
    ${
      view.voice
        ? microphonePickerTemplate({
            strings,
            microphones: view.microphones,
            chosen: call.microphoneFallback ? undefined : call.microphoneDeviceId,
            fallback: call.microphoneFallback,
            onPick: view.onPickMicrophone,
          })
        : nothing
    }
    ${composerTemplate({ strings, mode: view.composerMode, onSend: view.onSend })}
  `;
}
