import type { TestParticipantRequest } from '../livekit/test-participants.js';

/** What the emulator asks of its agent host process (emulator/agent-host/host-process.ts). */
export type HostRequest =
  | { op: 'dispatch'; url: string; room: string; identity: string }
  | { op: 'dismiss'; room: string }
  | { op: 'dismiss-all' }
  | { op: 'warm-up' }
  | { op: 'agent-view'; room: string }
  | { op: 'tester-start'; url: string; request: TestParticipantRequest }
  | { op: 'tester-view'; room: string; identity: string }
  | { op: 'tester-stop'; room: string; identity: string }
  | { op: 'tester-stop-all' }
  | { op: 'close' };

export type ToHost = { id: number } & HostRequest;

/** The host's answers (by request id), and what it tells unasked. */
export type FromHost =
  | { id: number; ok: true; value?: unknown }
  | { id: number; ok: false; error: string }
  | { event: 'agent-gone'; room: string; identity: string };

/** The environment variable that hands the host the emulator's LiveKit credentials. */
export const CREDENTIALS_ENV = 'KROSAI_AGENT_HOST_CREDENTIALS';
