import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  DisconnectReason,
  type JoinRequest,
  LeaveRequest,
  LeaveRequest_Action,
} from '@livekit/protocol';
import { type WebSocket, WebSocketServer } from 'ws';
import { FlavourChoice } from '../agent/framework-wire.js';
import { ScriptedAgent } from '../agent/scripted-agent.js';
import { AgentHost } from '../agent-host/agent-host.js';
import {
  type Admission,
  admit,
  joinRequestOf,
  Refusal,
  requestUrl,
  signalPathOf,
} from './connect.js';
import { ParticipantSession } from './participant-session.js';
import { LiveKitRoom } from './room.js';
import { SignalConnection } from './signal-connection.js';
import { type LiveKitCredentials, mintRoomToken } from './tokens.js';

/** Lifetime of the token the server hands a connected page (LiveKit refreshes them too). */
const REFRESHED_TOKEN_TTL_S = 600;

/**
 * Which agent joins a room: the real `@livekit/agents` framework (`emulator/agent/framework`), or
 * the scripted one (`emulator/agent/scripted-agent.ts`), kept for faults the framework cannot make.
 */
export type AgentKind = 'framework' | 'scripted';

export interface LiveKitServerOptions {
  credentials: LiveKitCredentials;
  /** The emulator's own LiveKit URL (`ws://host:port`), where the framework agent connects. */
  selfUrl(): string;
  /** The agent kind rooms get unless a test says otherwise; `framework` by default. */
  agentKind?: AgentKind;
  /**
   * Every utterance a room's TranscriptRecorder takes (an agent's final transcripts, a visitor's
   * typed text), so REST records it as a conversation message.
   */
  onTranscript(roomName: string, role: 'user' | 'assistant', text: string): void;
}

/** Rooms, their sessions and agents, and the signalling entry points. */
export class LiveKitEmulator {
  readonly rooms = new Map<string, LiveKitRoom>();
  /** Test switches: the agent never joins anywhere, or not in these rooms; which kind joins. */
  readonly agentPolicy = {
    disabled: false,
    disabledRooms: new Set<string>(),
    kind: 'framework' as AgentKind,
    kindByRoom: new Map<string, AgentKind>(),
  };
  /** The framework agents and rtc-node test participants, run in a child process of their own. */
  private readonly framework: AgentHost;
  /** The LiveKit Agents flavour (wire shapes) the scripted agent speaks, per room. */
  readonly agentFlavours = new FlavourChoice();
  // Signalling messages are small; a client sending megabytes is refused at the frame level.
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  constructor(private readonly options: LiveKitServerOptions) {
    this.framework = new AgentHost(options.credentials, options.selfUrl, (room) =>
      this.agentGone(room),
    );
    this.agentPolicy.kind = this.defaultAgentKind;
  }

  private get defaultAgentKind(): AgentKind {
    return this.options.agentKind ?? 'framework';
  }

  /** rtc-node participants started by `/control/livekit/test-participant`. */
  get testParticipants(): AgentHost['testParticipants'] {
    return this.framework.testParticipants;
  }

  get credentials(): LiveKitCredentials {
    return this.options.credentials;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = signalPathOf(req);
    if (!path || path.validate) return false;
    // A client that vanishes mid-handshake must not crash the process.
    socket.on('error', () => socket.destroy());
    this.upgrade(req, socket, head, path.version).catch((error: unknown) => {
      // Joining threw after the handshake: drop this client, keep the process alive.
      console.error('[livekit] upgrade failed:', error);
      socket.destroy();
    });
    return true;
  }

  /** `GET …/validate`: the same verdict as the upgrade, as plain text. */
  async validate(req: IncomingMessage): Promise<{ status: number; body: string }> {
    try {
      await admit(this.options.credentials, req);
      return { status: 200, body: 'success' };
    } catch (error) {
      if (error instanceof Refusal) return { status: error.status, body: error.message };
      throw error;
    }
  }

  /**
   * Sends the agent into a room, unless it is there already or told to stay away; answers the
   * identity of the agent in the room, if any.
   */
  ensureAgent(room: LiveKitRoom, force = false): string | undefined {
    const present = room.agent?.info.identity ?? this.framework.identityIn(room.name);
    if (present) return present;
    const barred = this.agentPolicy.disabled || this.agentPolicy.disabledRooms.has(room.name);
    if (barred && !force) return undefined;
    const kind = this.agentPolicy.kindByRoom.get(room.name) ?? this.agentPolicy.kind;
    if (kind === 'framework') return this.framework.dispatch(room.name);
    const agent = new ScriptedAgent(room, () => this.agentFlavours.of(room.name));
    room.agentJoined(agent);
    return agent.info.identity;
  }

  /** Gets the framework agent ready before the first visitor (when it is the default). */
  async warmUpAgent(): Promise<void> {
    if (this.agentPolicy.kind === 'framework') await this.framework.warmUp();
  }

  /**
   * A framework agent left while its room still has visitors: its session ended with a visitor
   * who left (a reload) while the visitor was already back, or its host stopped. As for a visitor
   * who joins a room without an agent, one is dispatched.
   */
  private agentGone(roomName: string): void {
    const room = this.rooms.get(roomName);
    if (room && room.visitors.length > 0) this.ensureAgent(room);
  }

  /** What the framework agent of a room sees (`/control/livekit/agent-view`), or null. */
  frameworkAgentView(room: string) {
    return this.framework.view(room);
  }

  /** The agent of a room leaves, whichever kind it is. */
  dismissAgent(room: LiveKitRoom): void {
    room.agentLeft();
    void this.framework.dismiss(room.name);
  }

  /**
   * Ends every session (telling pages why), drops every room and test switch. Framework agents
   * leave first, so their sessions close while they are still connected.
   */
  async reset(): Promise<void> {
    await this.framework.dismissAll();
    await this.testParticipants.stopAll();
    for (const room of [...this.rooms.values()]) {
      for (const session of room.sessions.values()) {
        session.sendLeave(LeaveRequest_Action.DISCONNECT, DisconnectReason.ROOM_DELETED);
      }
      room.close(DisconnectReason.ROOM_DELETED);
    }
    this.rooms.clear();
    this.agentPolicy.disabled = false;
    this.agentPolicy.disabledRooms.clear();
    this.agentPolicy.kind = this.defaultAgentKind;
    this.agentPolicy.kindByRoom.clear();
    this.agentFlavours.reset();
  }

  async close(): Promise<void> {
    await this.reset();
    await this.framework.close();
    for (const client of this.sockets.clients) client.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
  }

  private async upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    version: 'v0' | 'v1',
  ): Promise<void> {
    const url = requestUrl(req);
    let admission: Admission;
    let joinRequest: JoinRequest;
    try {
      admission = await admit(this.options.credentials, req, url);
      if (version === 'v0') throw new Refusal(404, 'the emulator speaks only the /rtc/v1 path');
      joinRequest = joinRequestOf(url);
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(500, 'internal error');
      console.warn(`[livekit] refused ${url.pathname}: ${refusal.status} ${refusal.message}`);
      refuse(socket, refusal);
      return;
    }
    if (socket.destroyed) return;
    this.sockets.handleUpgrade(req, socket, head, (ws) =>
      this.connected(ws, admission, joinRequest),
    );
  }

  private connected(ws: WebSocket, admission: Admission, joinRequest: JoinRequest): void {
    let session: ParticipantSession | undefined;
    // The listener is attached before anything else happens, so no request is ever missed.
    const signal = new SignalConnection(
      ws,
      async (request) => session?.handle(request),
      () => session?.signalClosed(signal),
    );
    if (joinRequest.reconnect) {
      session = this.resumable(admission, joinRequest.participantSid);
      if (session) {
        session.resume(signal);
        this.refreshToken(session, admission);
      } else {
        // Nothing to resume: make the page rejoin from scratch.
        signal.send({
          case: 'leave',
          value: new LeaveRequest({
            action: LeaveRequest_Action.RECONNECT,
            canReconnect: true,
            reason: DisconnectReason.STATE_MISMATCH,
          }),
        });
        signal.close();
      }
      return;
    }
    session = this.join(admission);
    session.join(signal, joinRequest.publisherOffer);
    this.refreshToken(session, admission);
  }

  private refreshToken(session: ParticipantSession, admission: Admission): void {
    mintRoomToken(this.credentials, admission.room, admission.identity, REFRESHED_TOKEN_TTL_S)
      .then((token) => session.sendRefreshedToken(token))
      .catch((error: unknown) => console.error('[livekit] token refresh failed:', error));
  }

  private join(admission: Admission): ParticipantSession {
    let room = this.rooms.get(admission.room);
    if (!room) {
      room = new LiveKitRoom(
        admission.room,
        (empty) => {
          if (this.rooms.get(empty.name) === empty) this.rooms.delete(empty.name);
        },
        (role, text) => this.options.onTranscript(admission.room, role, text),
      );
      this.rooms.set(room.name, room);
    }
    const duplicate = room.sessions.get(admission.identity);
    if (duplicate) {
      duplicate.sendLeave(LeaveRequest_Action.DISCONNECT, DisconnectReason.DUPLICATE_IDENTITY);
      duplicate.end(DisconnectReason.DUPLICATE_IDENTITY);
    }
    // The agent joins when the first user connects, as KrosAI's does.
    this.ensureAgent(room);
    const session = new ParticipantSession(room, admission.claims);
    room.add(session);
    return session;
  }

  private resumable(admission: Admission, sid: string): ParticipantSession | undefined {
    const session = this.rooms.get(admission.room)?.sessionBySid(sid);
    if (!session || session.isEnded || session.identity !== admission.identity) return undefined;
    return session;
  }
}

function refuse(socket: Duplex, refusal: Refusal): void {
  if (socket.destroyed) return;
  const reason = STATUS_CODES[refusal.status] ?? 'Error';
  const body = Buffer.from(refusal.message, 'utf8');
  socket.end(
    `HTTP/1.1 ${refusal.status} ${reason}\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${body.byteLength}\r\nConnection: close\r\n\r\n${refusal.message}`,
  );
}
