import { randomBytes } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import type { LiveKitCredentials } from '../../livekit/tokens.js';
import type { PreConnectAudioView } from './pre-connect-audio.js';
import { loadRtcNode } from './rtc.js';
import { AGENT_NAME } from './script.js';
import { SpeechSynthesizer } from './speech.js';

type AgentModule = typeof import('./agent.js');
type FrameworkAgent = InstanceType<AgentModule['FrameworkAgent']>;

/** An agent sent to a room: its identity at once, the agent itself once the framework loaded. */
interface Dispatched {
  identity: string;
  agent?: FrameworkAgent;
}

/** `/control/livekit/agent-view`: a framework agent and the participants it knows. */
export interface AgentView {
  identity: string;
  sees: { identity: string; sid: string }[];
  /** What it got of the visitors' pre-connect audio buffers (none until the agent connected). */
  preConnectAudio?: PreConnectAudioView;
  /** When live visitor audio started reaching its speech-to-text, epoch ms (the last 20). */
  liveAudioStarts?: number[];
}

/** Lifetime of the agent's own token; it only needs to connect (and resume) once. */
const AGENT_TOKEN_TTL_S = 3600;

let framework: Promise<AgentModule> | undefined;

/**
 * Loads `@livekit/agents`, `@livekit/rtc-node` and the stand-in models once, and sets up the
 * framework's logger (warnings and errors only, pretty on a terminal).
 */
export function loadFramework(): Promise<AgentModule> {
  framework ??= (async () => {
    await loadRtcNode();
    const { initializeLogger } = await import('@livekit/agents');
    initializeLogger({
      pretty: process.stdout.isTTY === true,
      level: process.env.EMULATOR_AGENT_LOG ?? 'warn',
    });
    return import('./agent.js');
  })();
  return framework;
}

/**
 * Sends a real framework agent into rooms, one per room, the way KrosAI dispatches its agents
 * when the first visitor joins: in this process, over the emulator's own LiveKit URL.
 */
export class FrameworkDispatcher {
  private readonly agents = new Map<string, Dispatched>();
  private synthesizer: SpeechSynthesizer | undefined;

  constructor(
    private readonly credentials: LiveKitCredentials,
    /** The emulator's LiveKit URL (`ws://host:port`), known once it listens. */
    private readonly url: () => string,
    /** Told when a dispatched agent has left its room, whatever the reason. */
    private readonly onGone: (room: string, identity: string) => void = () => {},
  ) {}

  /**
   * Loads the framework and starts the speech worker ahead of the first visitor, so the first
   * greeting comes as fast as later ones (about 1.5 s sooner on 2 cores).
   */
  async warmUp(): Promise<void> {
    await loadFramework();
    this.synthesizer ??= new SpeechSynthesizer();
    await this.synthesizer.speak('Hello!');
  }

  /** The identity of the agent dispatched to a room, while it is there. */
  identityIn(room: string): string | undefined {
    return this.agents.get(room)?.identity;
  }

  /**
   * What the agent of `room` sees: the participants its rtc-node room knows. The framework ignores
   * typed text from a participant it does not know yet, so a test waits for this after a rejoin.
   */
  view(room: string): AgentView | undefined {
    const entry = this.agents.get(room);
    if (!entry) return undefined;
    return {
      identity: entry.identity,
      sees: entry.agent?.seenParticipants() ?? [],
      preConnectAudio: entry.agent?.preConnectAudio(),
      liveAudioStarts: entry.agent?.liveAudioStarts(),
    };
  }

  /** Dispatches an agent to `room` unless one is there; answers its identity at once. */
  dispatch(room: string, identity = newAgentIdentity()): string {
    const present = this.agents.get(room);
    if (present) return present.identity;
    const entry: Dispatched = { identity };
    this.agents.set(room, entry);
    this.join(room, entry).catch((error: unknown) => {
      console.error(`[framework-agent] could not join ${room}:`, error);
      this.forget(room, entry);
      void entry.agent?.leave();
    });
    return entry.identity;
  }

  /** The agent in `room` leaves (pages see it disconnect). */
  async dismiss(room: string): Promise<void> {
    const entry = this.agents.get(room);
    if (!entry) return;
    this.forget(room, entry);
    await entry.agent?.leave();
  }

  private forget(room: string, entry: Dispatched): void {
    if (this.agents.get(room) !== entry) return;
    this.agents.delete(room);
    this.onGone(room, entry.identity);
  }

  /** Every agent leaves (`/control/reset`); new rooms get new agents at once. */
  dismissAll(): Promise<void> {
    const rooms = [...this.agents.keys()];
    return Promise.all(rooms.map((room) => this.dismiss(room))).then(() => {});
  }

  /**
   * Every agent leaves, the speech worker stops and, if the framework was loaded, rtc-node's
   * native side shuts down (it keeps the process alive otherwise; rtc-node participants of the
   * caller's own must have disconnected by then).
   */
  async close(): Promise<void> {
    await this.dismissAll();
    await this.synthesizer?.close();
    if (framework) await (await loadRtcNode()).dispose();
  }

  private async join(room: string, entry: Dispatched): Promise<void> {
    const { FrameworkAgent } = await loadFramework();
    const token = await agentToken(this.credentials, room, entry.identity);
    // Dismissed (agent-leave, reset) while loading: it never joins.
    if (this.agents.get(room) !== entry) return;
    this.synthesizer ??= new SpeechSynthesizer();
    entry.agent = new FrameworkAgent({
      url: this.url(),
      token,
      synthesizer: this.synthesizer,
      onGone: () => this.forget(room, entry),
    });
    await entry.agent.start();
  }
}

/** An agent's participant identity, as KrosAI's agents have: `agent-` and a random suffix. */
export function newAgentIdentity(): string {
  return `agent-${randomBytes(6).toString('hex')}`;
}

/** A token as LiveKit's agent dispatch mints it: kind agent, the agent grant, hidden from none. */
function agentToken(credentials: LiveKitCredentials, room: string, identity: string) {
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity,
    name: AGENT_NAME,
    ttl: AGENT_TOKEN_TTL_S,
  });
  token.kind = 'agent';
  token.addGrant({
    room,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    agent: true,
  });
  return token.toJwt();
}
