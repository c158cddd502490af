import { html, nothing } from 'lit';
import type { KrosaiStrings } from '../i18n/strings.js';
import type { AgentState, CallState } from '../voice/voice-session.js';

export interface StatusView {
  strings: KrosaiStrings;
  callState: CallState;
  agentState: AgentState;
  /** Show the level meters (a call is connected). */
  showLevels: boolean;
}

/**
 * Call state (announced politely when it changes) and agent state (not announced: it changes
 * every few seconds). The meters' levels are written by the LevelMeterController, not here.
 */
export function statusTemplate(view: StatusView) {
  const { strings } = view;
  const agentText = view.callState === 'connected' ? strings.agentStates[view.agentState] : '';
  return html`
    <div class="status" part="status" data-call-state=${view.callState} data-agent-state=${view.agentState}>
      <span class="call-state" role="status">${strings.call[view.callState]}</span>
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
