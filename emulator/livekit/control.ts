import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DisconnectReason,
  LeaveRequest_Action,
  ParticipantInfo_Kind,
  type TrackInfo,
  TrackSource,
  TrackType,
} from '@livekit/protocol';
import { AGENT_FLAVOURS, type AgentFlavour, isAgentFlavour } from '../agent/framework-wire.js';
import { ScriptedAgent } from '../agent/scripted-agent.js';
import type { ParticipantSession } from './participant-session.js';
import type { LiveKitRoom } from './room.js';
import type { LiveKitEmulator } from './server.js';
import { mintRoomToken } from './tokens.js';

type Body = Record<string, unknown>;
type Reply = { status: number; body: unknown };

const PREFIX = '/control/livekit/';

/**
 * `/control/livekit/*`: what tests do to rooms from outside. Documented in emulator/README.md
 * ("LiveKit control"). Answers CORS itself, since a test page on another port calls it.
 */
export async function handleControl(
  emulator: LiveKitEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  // The emulator's dispatcher may have set CORS already; standing alone, this answers it.
  if (!res.hasHeader('Access-Control-Allow-Origin')) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return;
  }
  let reply: Reply;
  try {
    const body = req.method === 'POST' ? await readJson(req) : {};
    // Where the emulator itself is reached: a test participant connects back to it.
    const self = `ws://${req.headers.host ?? 'localhost'}`;
    const action = url.pathname.slice(PREFIX.length);
    const request = { body, query: url.searchParams, selfUrl: self, isGet: req.method === 'GET' };
    reply = await route(emulator, action, request);
  } catch (error) {
    reply = {
      status: 400,
      body: { detail: error instanceof Error ? error.message : String(error) },
    };
  }
  res.writeHead(reply.status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(reply.body));
}

interface ControlRequest {
  body: Body;
  query: URLSearchParams;
  /** The emulator's own WebSocket URL, as the caller reached it. */
  selfUrl: string;
  isGet: boolean;
}

async function route(
  emulator: LiveKitEmulator,
  action: string,
  { body, query, selfUrl, isGet }: ControlRequest,
): Promise<Reply> {
  const roomName = String(body['room'] ?? query.get('room') ?? '');
  const findRoom = (): LiveKitRoom => {
    const room = emulator.rooms.get(roomName);
    if (!room) throw new Error(`no room named "${roomName}"`);
    return room;
  };
  switch (action) {
    case 'token': {
      const identity = String(body['identity'] ?? '');
      if (!roomName || !identity) throw new Error('"room" and "identity" are required');
      const ttl = typeof body['ttlSeconds'] === 'number' ? body['ttlSeconds'] : 600;
      return ok({ token: await mintRoomToken(emulator.credentials, roomName, identity, ttl) });
    }
    case 'rooms':
      return ok({ rooms: [...emulator.rooms.values()].map(describeRoom) });
    case 'drop-signal':
      for (const session of targets(findRoom(), body)) session.dropSignal();
      return ok({ dropped: true });
    case 'kick':
      for (const session of targets(findRoom(), body)) {
        session.sendLeave(LeaveRequest_Action.DISCONNECT, DisconnectReason.PARTICIPANT_REMOVED);
        session.end(DisconnectReason.PARTICIPANT_REMOVED);
      }
      return ok({ kicked: true });
    case 'force-reconnect':
      for (const session of targets(findRoom(), body)) {
        session.sendLeave(LeaveRequest_Action.RECONNECT, DisconnectReason.UNKNOWN_REASON);
        session.end(DisconnectReason.UNKNOWN_REASON);
      }
      return ok({ reconnecting: true });
    case 'agent-join': {
      const enabled = body['enabled'] !== false;
      if (!roomName) emulator.agentPolicy.disabled = !enabled;
      else if (enabled) emulator.agentPolicy.disabledRooms.delete(roomName);
      else emulator.agentPolicy.disabledRooms.add(roomName);
      return ok({
        disabled: emulator.agentPolicy.disabled,
        disabledRooms: [...emulator.agentPolicy.disabledRooms],
      });
    }
    case 'agent-kind': {
      const kind = body['kind'];
      if (kind !== 'framework' && kind !== 'scripted') {
        throw new Error('"kind" must be "framework" or "scripted"');
      }
      if (roomName) emulator.agentPolicy.kindByRoom.set(roomName, kind);
      else emulator.agentPolicy.kind = kind;
      return ok({
        kind: emulator.agentPolicy.kind,
        rooms: Object.fromEntries(emulator.agentPolicy.kindByRoom),
      });
    }
    case 'agent-dispatch':
      return ok({ identity: emulator.ensureAgent(findRoom(), true) });
    case 'agent-warm-up':
      // Answers once the framework is loaded, so a test's first agent arrives as fast as later ones.
      await emulator.warmUpAgent();
      return ok({ warm: true });
    case 'agent-view': {
      const view = await emulator.frameworkAgentView(roomName);
      if (!view) throw new Error(`no framework agent in room "${roomName}"`);
      return ok(view);
    }
    case 'agent-leave':
      emulator.dismissAgent(findRoom());
      return ok({ left: true });
    case 'agent-flavour': {
      // A GET (no body) only tells which flavour the room speaks.
      if (body['flavour'] !== undefined) {
        emulator.agentFlavours.choose(flavourOf(body['flavour']), roomName || undefined);
      }
      return ok({ flavour: emulator.agentFlavours.of(roomName) });
    }
    case 'transcript': {
      const role = body['role'] === 'user' ? 'user' : 'assistant';
      const segmentId = typeof body['segmentId'] === 'string' ? body['segmentId'] : undefined;
      const text = String(body['text'] ?? '');
      const final = body['final'] !== false;
      const legacy = body['legacy'] === true;
      const flavour = body['flavour'] === undefined ? undefined : flavourOf(body['flavour']);
      const options = { role, text, final, segmentId, legacy, flavour } as const;
      return ok(await agentOf(findRoom()).publishTranscript(options));
    }
    case 'agent-attributes': {
      const agent = agentOf(findRoom());
      if (typeof body['state'] === 'string') agent.setState(body['state']);
      if (isStringRecord(body['attributes'])) agent.setAttributes(body['attributes']);
      return ok({ attributes: agent.info.attributes });
    }
    case 'send-data': {
      agentOf(findRoom()).sendData(String(body['topic'] ?? ''), String(body['payload'] ?? ''));
      return ok({ sent: true });
    }
    case 'received':
      return ok(agentOf(findRoom()).received);
    case 'test-participant': {
      const identity = String(body['identity'] ?? query.get('identity') ?? '');
      if (!roomName || !identity) throw new Error('"room" and "identity" are required');
      if (isGet) return ok(await emulator.testParticipants.view(roomName, identity));
      const kind = body['kind'] === 'agent' ? 'agent' : 'standard';
      const frequencyHz = typeof body['frequencyHz'] === 'number' ? body['frequencyHz'] : 440;
      const request = { room: roomName, identity, kind, frequencyHz } as const;
      return ok(await emulator.testParticipants.start(selfUrl, request));
    }
    case 'test-participant-leave': {
      await emulator.testParticipants.stop(roomName, String(body['identity'] ?? ''));
      return ok({ left: true });
    }
    default:
      return { status: 404, body: { detail: `unknown control action "${action}"` } };
  }
}

export function isControlPath(pathname: string): boolean {
  return pathname.startsWith(PREFIX);
}

/**
 * The sessions a body names: one `identity` (an agent's too), or every user in the room (agents
 * that joined over WebSocket, such as the framework agent, are not users).
 */
function targets(room: LiveKitRoom, body: Body): ParticipantSession[] {
  const identity = body['identity'];
  if (typeof identity !== 'string') {
    return room.visitors;
  }
  const session = room.sessions.get(identity);
  if (!session) throw new Error(`no participant "${identity}" in room "${room.name}"`);
  return [session];
}

function agentOf(room: LiveKitRoom): ScriptedAgent {
  if (!(room.agent instanceof ScriptedAgent)) {
    // The framework agent is driven by what it hears and reads, not by control calls.
    throw new Error(`no scripted agent in room "${room.name}" (see agent-kind)`);
  }
  return room.agent;
}

function describeRoom(room: LiveKitRoom) {
  const users = [...room.sessions.values()].map((session) => ({
    identity: session.identity,
    sid: session.info.sid,
    // 'agent' for a WebSocket participant whose token says so (a real agents framework worker).
    kind: session.info.kind === ParticipantInfo_Kind.AGENT ? 'agent' : 'user',
    participantKind: ParticipantInfo_Kind[session.info.kind],
    connection: 'websocket',
    name: session.info.name,
    attributes: session.info.attributes,
    tracks: session.tracks.map(describeTrack),
    subscribedTrackSids: subscribedBy(room, session),
    signalConnected: session.isSignalConnected,
    peerState: session.peer.connection.connectionState,
    microphoneTrackSids: session.tracks.filter((t) => t.type === TrackType.AUDIO).map((t) => t.sid),
  }));
  const agent = room.agent && {
    identity: room.agent.info.identity,
    sid: room.agent.info.sid,
    kind: 'agent',
    participantKind: ParticipantInfo_Kind[room.agent.info.kind],
    connection: 'in-process',
    name: room.agent.info.name,
    tracks: room.agent.info.tracks.map(describeTrack),
    trackSid: room.agent.track.trackSid,
    attributes: room.agent.info.attributes,
  };
  return { name: room.name, sid: room.info.sid, participants: agent ? [...users, agent] : users };
}

function describeTrack(track: TrackInfo) {
  return {
    sid: track.sid,
    type: TrackType[track.type],
    source: TrackSource[track.source],
    name: track.name,
    muted: track.muted,
  };
}

/** The tracks of others that reach this participant on an m-line. */
function subscribedBy(room: LiveKitRoom, session: ParticipantSession): string[] {
  const others = [
    ...[...room.sessions.values()].filter((s) => s !== session).flatMap((s) => s.tracks),
    ...(room.agent?.info.tracks ?? []),
  ];
  return others.map((t) => t.sid).filter((sid) => session.peer.slots.carries(sid));
}

function flavourOf(value: unknown): AgentFlavour {
  if (isAgentFlavour(value)) return value;
  throw new Error(`"flavour" must be one of ${AGENT_FLAVOURS.join(', ')}`);
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('body must be a JSON object');
  return parsed as Body;
}
