import type { IncomingMessage, ServerResponse } from 'node:http';
import { DisconnectReason, LeaveRequest_Action, TrackType } from '@livekit/protocol';
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
    reply = await route(emulator, url.pathname.slice(PREFIX.length), body, url.searchParams);
  } catch (error) {
    reply = {
      status: 400,
      body: { detail: error instanceof Error ? error.message : String(error) },
    };
  }
  res.writeHead(reply.status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(reply.body));
}

async function route(
  emulator: LiveKitEmulator,
  action: string,
  body: Body,
  query: URLSearchParams,
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
        ...emulator.agentPolicy,
        disabledRooms: [...emulator.agentPolicy.disabledRooms],
      });
    }
    case 'agent-dispatch':
      emulator.ensureAgent(findRoom(), true);
      return ok({ identity: agentOf(findRoom()).info.identity });
    case 'agent-leave':
      findRoom().agentLeft();
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
    default:
      return { status: 404, body: { detail: `unknown control action "${action}"` } };
  }
}

export function isControlPath(pathname: string): boolean {
  return pathname.startsWith(PREFIX);
}

/** The sessions a body names: one `identity`, or every user in the room. */
function targets(room: LiveKitRoom, body: Body): ParticipantSession[] {
  const identity = body['identity'];
  if (typeof identity !== 'string') return [...room.sessions.values()];
  const session = room.sessions.get(identity);
  if (!session) throw new Error(`no participant "${identity}" in room "${room.name}"`);
  return [session];
}

function agentOf(room: LiveKitRoom): ScriptedAgent {
  if (!(room.agent instanceof ScriptedAgent)) throw new Error(`no agent in room "${room.name}"`);
  return room.agent;
}

function describeRoom(room: LiveKitRoom) {
  const users = [...room.sessions.values()].map((session) => ({
    identity: session.identity,
    sid: session.info.sid,
    kind: 'user',
    signalConnected: session.isSignalConnected,
    peerState: session.peer.connection.connectionState,
    microphoneTrackSids: session.tracks.filter((t) => t.type === TrackType.AUDIO).map((t) => t.sid),
  }));
  const agent = room.agent && {
    identity: room.agent.info.identity,
    sid: room.agent.info.sid,
    kind: 'agent',
    trackSid: room.agent.track.trackSid,
    attributes: room.agent.info.attributes,
  };
  return { name: room.name, sid: room.info.sid, participants: agent ? [...users, agent] : users };
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
