import type { Participant } from 'livekit-client';
import { AGENT_STATE_ATTRIBUTE } from './agent-protocol.js';
import type { AgentState } from './voice-session.js';

const KNOWN: readonly AgentState[] = ['initializing', 'idle', 'listening', 'thinking', 'speaking'];

/** Maps an `lk.agent.state` value to AgentState; anything unknown (or absent) is `unknown`. */
export function toAgentState(value: string | undefined): AgentState {
  return KNOWN.find((state) => state === value) ?? 'unknown';
}

/** An agent: kind AGENT (as the frameworks join), or, for older ones, one that publishes its state. */
export function isAgentParticipant(participant: Participant): boolean {
  return participant.isAgent || participant.attributes[AGENT_STATE_ATTRIBUTE] !== undefined;
}
