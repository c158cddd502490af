import type { AgentState } from './voice-session.js';

const KNOWN: readonly AgentState[] = ['initializing', 'idle', 'listening', 'thinking', 'speaking'];

/** Maps an `lk.agent.state` value to AgentState; anything unknown (or absent) is `unknown`. */
export function toAgentState(value: string | undefined): AgentState {
  return KNOWN.find((state) => state === value) ?? 'unknown';
}
