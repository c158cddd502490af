import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type AgentView, newAgentIdentity } from '../agent/framework/dispatcher.js';
import type { TestParticipantRequest, TestParticipantView } from '../livekit/test-participants.js';
import type { LiveKitCredentials } from '../livekit/tokens.js';
import { CREDENTIALS_ENV, type FromHost, type HostRequest } from './protocol.js';

const HOST_ENTRY = fileURLToPath(new URL('./host-process.ts', import.meta.url));
/** How long a closing host may take to leave its rooms before it is killed. */
const CLOSE_GRACE_MS = 5_000;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The emulator's side of its agent host (host-process.ts): a child process, started on first
 * use, that runs the framework agents and the stock rtc-node test participants, so a crash of
 * rtc-node's native code never takes the emulator down. It answers like an in-process
 * dispatcher: an agent's identity is known here at once, before the host has connected it.
 */
export class AgentHost {
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The framework agent of each room, by identity, as far as this side knows. */
  private readonly agents = new Map<string, string>();
  private closing = false;

  constructor(
    private readonly credentials: LiveKitCredentials,
    /** The emulator's LiveKit URL (`ws://host:port`), known once it listens. */
    private readonly url: () => string,
    /** An agent left its room on its own (its session ended, or the host stopped), not dismissed. */
    private readonly onAgentGone: (room: string) => void = () => {},
  ) {}

  // ---- framework agents -----------------------------------------------------------------------

  /** The identity of the agent dispatched to a room, while it is there. */
  identityIn(room: string): string | undefined {
    return this.agents.get(room);
  }

  /** Dispatches an agent to `room` unless one is there; answers its identity at once. */
  dispatch(room: string): string {
    const present = this.agents.get(room);
    if (present) return present;
    const identity = newAgentIdentity();
    this.agents.set(room, identity);
    this.request({ op: 'dispatch', url: this.url(), room, identity }).catch((error: unknown) => {
      console.error(`[agent-host] could not dispatch an agent to ${room}:`, error);
      if (this.agents.get(room) === identity) this.agents.delete(room);
    });
    return identity;
  }

  /** The agent in `room` leaves (pages see it disconnect). */
  async dismiss(room: string): Promise<void> {
    if (!this.agents.delete(room) || !this.child) return;
    await this.request({ op: 'dismiss', room });
  }

  /** Every agent leaves (`/control/reset`). */
  async dismissAll(): Promise<void> {
    this.agents.clear();
    if (this.child) await this.request({ op: 'dismiss-all' });
  }

  /** What the framework agent of `room` sees, or null without one. */
  async view(room: string): Promise<AgentView | null> {
    if (!this.agents.has(room) || !this.child) return null;
    return (await this.request({ op: 'agent-view', room })) as AgentView | null;
  }

  /** Starts the host and loads the framework ahead of the first visitor. */
  async warmUp(): Promise<void> {
    await this.request({ op: 'warm-up' });
  }

  // ---- test participants ----------------------------------------------------------------------

  /** `/control/livekit/test-participant`: the same calls as `TestParticipants`, in the host. */
  readonly testParticipants = {
    start: (url: string, request: TestParticipantRequest) =>
      this.request({ op: 'tester-start', url, request }) as Promise<TestParticipantView>,
    view: (room: string, identity: string) =>
      this.request({ op: 'tester-view', room, identity }) as Promise<TestParticipantView>,
    stop: async (room: string, identity: string) => {
      await this.request({ op: 'tester-stop', room, identity });
    },
    stopAll: async () => {
      if (this.child) await this.request({ op: 'tester-stop-all' });
    },
  };

  // ---- the process ----------------------------------------------------------------------------

  /** Every agent and test participant leaves, and the host process ends. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.closing = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const killer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
    await this.request({ op: 'close' }).catch(() => undefined);
    await exited;
    clearTimeout(killer);
    this.closing = false;
  }

  private request(request: HostRequest): Promise<unknown> {
    this.child ??= this.start();
    const child = this.child;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ id, ...request });
    });
  }

  private start(): ChildProcess {
    const child = fork(HOST_ENTRY, [], {
      // The TypeScript loader only: not the parent's flags (a `--test` run must not recurse).
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, [CREDENTIALS_ENV]: JSON.stringify(this.credentials) },
      // The framework logs on stdout; the emulator's stdout carries its `--json` line only.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.stdout?.pipe(process.stderr);
    child.on('message', (message: FromHost) => this.received(message));
    child.on('exit', (code, signal) => this.exited(child, code, signal));
    return child;
  }

  private received(message: FromHost): void {
    if ('event' in message) {
      if (this.agents.get(message.room) !== message.identity) return;
      this.agents.delete(message.room);
      this.onAgentGone(message.room);
      return;
    }
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(new Error(message.error));
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = undefined;
    if (!this.closing) {
      console.error(
        `[agent-host] the agent host stopped (${signal ?? `exit code ${code}`}); ` +
          `${this.agents.size} agent(s) left their rooms; the next dispatch starts a new host`,
      );
    }
    const rooms = [...this.agents.keys()];
    this.agents.clear();
    // The old host's requests fail first: a replacement agent's request goes to the new host.
    const error = new Error('the agent host stopped');
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) request.reject(error);
    if (!this.closing) for (const room of rooms) this.onAgentGone(room);
  }
}
