import type { AgentState, CallEndReason, CallState } from '../voice/voice-session.js';

/**
 * How the visitor takes part in a call: `voice` publishes the microphone and plays the agent;
 * `text` joins the same room without the microphone and talks over `lk.chat`.
 */
export type CallMode = 'voice' | 'text';

/**
 * Every legal move of the call, written once. The voice session's `call-state` events are inputs:
 * a move the table does not allow (a late `ended` after a reset, a second `connecting`) is
 * ignored, so the machine is the one copy of the call's state the widget believes.
 *
 * With the mode, each state reads as a stage of one conversation: `connecting` + `text` is
 * "joining the room to type", `connected` + `voice` is a voice call, and `connected` switches
 * between the two modes without leaving the room (see `MODE_SWITCH_STATES`).
 */
export const CALL_TRANSITIONS: Readonly<Record<CallState, readonly CallState[]>> = {
  idle: ['connecting'],
  connecting: ['waiting-for-agent', 'connected', 'ended', 'error'],
  'waiting-for-agent': ['connected', 'reconnecting', 'ended', 'error'],
  // Back to waiting when the agent leaves the room.
  connected: ['waiting-for-agent', 'reconnecting', 'ended', 'error'],
  reconnecting: ['connected', 'waiting-for-agent', 'ended', 'error'],
  // A new call starts from the end of the last one; retry or dismiss puts an error away.
  ended: ['connecting', 'idle'],
  error: ['connecting', 'idle'],
};

/** The states in which the call holds (or is joining) a room. */
const LIVE_STATES: readonly CallState[] = [
  'connecting',
  'waiting-for-agent',
  'connected',
  'reconnecting',
];

/** The states in which the microphone may be turned on or off (text ⇄ voice) in the same room. */
export const MODE_SWITCH_STATES: readonly CallState[] = [
  'waiting-for-agent',
  'connected',
  'reconnecting',
];

export const isLive = (state: CallState): boolean => LIVE_STATES.includes(state);

export const canMove = (from: CallState, to: CallState): boolean =>
  CALL_TRANSITIONS[from].includes(to);

/** What the machine tells its owner; each is a change, never a repeat. */
export type CallMachineChange =
  | { type: 'call-state'; state: CallState; reason: CallEndReason | undefined; mode: CallMode }
  | { type: 'agent-state'; state: AgentState };

/** The call's state, its mode and the agent's state, moved only along the table. */
export class CallMachine {
  private current: CallState = 'idle';
  private currentMode: CallMode = 'voice';
  private reason: CallEndReason | undefined;
  private agent: AgentState = 'unknown';

  constructor(private readonly onChange: (change: CallMachineChange) => void) {}

  get state(): CallState {
    return this.current;
  }

  get mode(): CallMode {
    return this.currentMode;
  }

  /** Why the call `ended`; undefined in every other state. */
  get endReason(): CallEndReason | undefined {
    return this.reason;
  }

  get agentState(): AgentState {
    return this.agent;
  }

  get live(): boolean {
    return isLive(this.current);
  }

  /**
   * Moves to `state` if the table allows it; returns whether it moved. `reason` is kept with
   * `ended` only (an `error` is explained by its error event).
   */
  move(state: CallState, reason?: CallEndReason): boolean {
    if (!canMove(this.current, state)) return false;
    this.current = state;
    this.reason = state === 'ended' ? (reason ?? 'hung-up') : undefined;
    if (!isLive(state)) this.setAgentState('unknown');
    this.onChange({ type: 'call-state', state, reason: this.reason, mode: this.currentMode });
    return true;
  }

  /** Starts a call in `mode`: idle, ended or error → connecting. */
  begin(mode: CallMode): boolean {
    if (!canMove(this.current, 'connecting')) return false;
    this.currentMode = mode;
    return this.move('connecting');
  }

  /** Text ⇄ voice inside the room; reported as a call-state event with the new mode. */
  switchMode(mode: CallMode): boolean {
    if (mode === this.currentMode || !MODE_SWITCH_STATES.includes(this.current)) return false;
    this.currentMode = mode;
    this.onChange({ type: 'call-state', state: this.current, reason: undefined, mode });
    return true;
  }

  setAgentState(state: AgentState): void {
    if (state === this.agent) return;
    this.agent = state;
    this.onChange({ type: 'agent-state', state });
  }
}
