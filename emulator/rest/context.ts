import type { IncomingMessage } from 'node:http';
import type { FaultBook } from '../control/faults.js';
import type { LiveKitCredentials } from '../livekit/tokens.js';
import type { EmulatorState } from '../state.js';
import type { AgentConfig } from '../state-agents.js';

/** Everything the REST and control handlers share within one running emulator. */
export interface EmulatorContext {
  state: EmulatorState;
  agents: Map<string, AgentConfig>;
  /** Accepted API keys → the account id each one stands for (`created_by`). */
  accounts: Map<string, string>;
  faults: FaultBook;
  livekitCredentials: LiveKitCredentials;
  /** Mutable: `POST /control/token-ttl` changes it for the tokens minted afterwards. */
  settings: { tokenTtlSeconds: number };
  /** The emulator's own address, used when a request carries no usable Host header. */
  fallbackHost: () => string;
}

/** `ws://host:port` as the caller reached us, so the page connects to LiveKit the same way. */
export function liveKitUrl(context: EmulatorContext, req: IncomingMessage): string {
  const host = req.headers.host;
  const usable = host && /^[A-Za-z0-9.\-[\]:]+$/.test(host) ? host : context.fallbackHost();
  return `ws://${usable}`;
}
