import type { AgentState } from './voice-session.js';

/** The participant attribute where LiveKit Agents publish what the agent is doing. */
export const AGENT_STATE_ATTRIBUTE = 'lk.agent.state';

const KNOWN: readonly AgentState[] = ['initializing', 'idle', 'listening', 'thinking', 'speaking'];

/** Maps an `lk.agent.state` value to AgentState; anything unknown (or absent) is `unknown`. */
export function toAgentState(value: string | undefined): AgentState {
  return KNOWN.find((state) => state === value) ?? 'unknown';
}
