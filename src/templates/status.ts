import { html, nothing } from 'lit';
import { VISUALISER_BARS } from '../controllers/level-meter-controller.js';
import type { ExplainedEndReason, KrosaiStrings } from '../i18n/strings.js';
import type { AgentState, CallEndReason, CallState } from '../voice/voice-session.js';

/** One slot per bar of the agent's visualiser; LevelMeterController moves them. */
const VISUALISER_SLOTS = Array.from({ length: VISUALISER_BARS });

export interface StatusView {
  strings: KrosaiStrings;
  callState: CallState;
  agentState: AgentState;
  /** Why the call ended, when it did. */
  endReason: CallEndReason | undefined;
  /** Show the level meters (a call is connected). */
  showLevels: boolean;
  /** Show the call timer (a voice call is connected). CallTimerController writes its text. */
  showTimer: boolean;
}

const isExplained = (reason: CallEndReason | undefined): reason is ExplainedEndReason =>
  reason === 'kicked' || reason === 'room-closed';

/** The call state in words; a call the visitor did not hang up says who or what ended it. */
function callText({ strings, callState, endReason }: StatusView): string {
  if (callState !== 'ended') return strings.call[callState];
  if (isExplained(endReason)) return strings.callEnded[endReason];
  // A quiet text conversation left its room: nothing ended for the visitor, the next message rejoins.
  return endReason === 'idle' ? strings.call.idle : strings.call.ended;
}

/**
 * Call state (announced politely when it changes) and agent state (not announced: it changes
 * every few seconds). The meters' levels are written by the LevelMeterController, not here.
 */
export function statusTemplate(view: StatusView) {
  const { strings } = view;
  const agentText = view.callState === 'connected' ? strings.agentStates[view.agentState] : '';
  return html`
    <div
      class="status"
      part="status"
      data-call-state=${view.callState}
      data-agent-state=${view.agentState}
      data-end-reason=${view.endReason ?? nothing}
    >
      <span class="call-state" role="status">${callText(view)}</span>
      ${
        view.showTimer
          ? // role="timer" is not live: a screen reader reads it when asked, not every second.
            html`<span class="call-timer" part="call-timer" role="timer"
              ><span class="visually-hidden">${strings.callTimer} </span
              ><span class="elapsed"></span
            ></span>`
          : nothing
      }
      ${
        view.showLevels
          ? html`<span class="visualiser" part="visualiser" aria-hidden="true"
              >${VISUALISER_SLOTS.map(() => html`<span class="bar" part="visualiser-bar"></span>`)}</span
            >`
          : nothing
      }
      ${agentText ? html`<span class="agent-state">${agentText}</span>` : nothing}
      ${
        view.showLevels
          ? html`<span class="levels" aria-hidden="true">
            <span class="meter" title=${strings.yourVoice}><span class="level level-input"></span></span>
            <span class="meter" title=${strings.agentVoice}><span class="level level-output"></span></span>
          </span>`
          : nothing
      }
    </div>
  `;
}
