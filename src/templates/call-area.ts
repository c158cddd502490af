import { html } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import type { AgentState, CallEndReason, CallState } from '../voice/voice-session.js';
import { type ComposerMode, composerTemplate } from './composer.js';
import { controlsTemplate } from './controls.js';
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
    })}
    ${controlsTemplate({
      ...view,
      live: voiceLive,
      speakerOn: call.live && call.mode === 'text' ? call.speakerOn : undefined,
      canMute: voiceLive && call.state !== 'connecting',
      muted: call.muted,
      audioBlocked: call.audioBlocked,
    })}
    ${composerTemplate({ strings, mode: view.composerMode, onSend: view.onSend })}
  `;
}
