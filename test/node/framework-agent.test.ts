// The emulator's framework agent: a real `voice.AgentSession` of @livekit/agents joins a
// conversation's room with its first visitor. Here the visitor is a stock @livekit/rtc-node
// participant: it beeps like Chromium's fake microphone, types on `lk.chat`, and reads the
// agent's transcripts on `lk.transcription` and its voice on the agent's audio track.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { dispose, ParticipantKind } from '@livekit/rtc-node';
import { GREETING, HEARD_PHRASES, replyTo } from '../../emulator/agent/framework/script.js';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { isLoopback, Visitor } from './framework-agent-visitor.js';

/** Louder than silence or comfort noise: speech. */
const AUDIBLE_RMS = 0.02;

// Every host this process and the emulator's agent host connect to, framework included.
const outboundHostsFile = join(mkdtempSync(join(tmpdir(), 'outbound-')), 'hosts.txt');
process.env.OUTBOUND_HOSTS_FILE = outboundHostsFile;
const recorder = new URL('./outbound-recorder.mjs', import.meta.url).href;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${recorder}`.trim();
await import(recorder);

let emulator: RunningEmulator;
const visitors: Visitor[] = [];

before(async () => {
  emulator = await startEmulator({ agentKind: 'framework' });
});

after(async () => {
  await Promise.all(visitors.map((visitor) => visitor.disconnect()));
  // The agents leave and their host process ends.
  await emulator.stop();
  // The visitors' rtc-node would keep this process alive.
  await dispose();
});

interface Conversation {
  id: string;
  room_name: string;
  room_url: string;
  token: string;
}

async function createConversation(): Promise<Conversation> {
  const response = await fetch(`${emulator.url}/v1/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ agent_id: 'agent_demo' }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as Conversation;
}

/** A visitor connected to the conversation's room (a new conversation unless one is given). */
async function visitConversation(conversation?: Conversation) {
  const joined = conversation ?? (await createConversation());
  const visitor = new Visitor();
  visitors.push(visitor);
  await visitor.connect(joined.room_url, joined.token);
  return { id: joined.id, visitor };
}

async function control(action: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${emulator.url}/control/livekit/${action}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, `${action}: ${await response.clone().text()}`);
  return (await response.json()) as Record<string, unknown>;
}

const isFinal = (attributes: Record<string, string>) =>
  attributes['lk.transcription_final'] === 'true';

test('joins with the first visitor as kind AGENT, greets, and answers typed text', async () => {
  const { visitor } = await visitConversation();
  const greeting = await visitor.transcript((t) => t.text.trim() === GREETING);
  const agent = visitor.room.remoteParticipants.get(greeting.from);
  assert.equal(agent?.kind, ParticipantKind.AGENT);

  await visitor.say('Hello there, agent');
  const reply = await visitor.transcript((t) => t.text.includes('Hello there, agent'));
  assert.equal(reply.text.trim(), replyTo('Hello there, agent'));
  assert.equal(reply.from, greeting.from);
});

test('hears the beeping microphone as the first scripted phrase and answers it aloud', async () => {
  const { visitor } = await visitConversation();
  await visitor.beep();
  const [phrase] = HEARD_PHRASES;
  const heard = await visitor.transcript((t) => t.text === phrase && isFinal(t.attributes));
  // The user's transcript belongs to the visitor's microphone track.
  assert.equal(heard.attributes['lk.transcribed_track_id'], visitor.microphoneSid);
  visitor.silence();

  await visitor.transcript((t) => t.text.trim() === replyTo(phrase!));
  await visitor.until(() => visitor.agentLoudness > AUDIBLE_RMS);
  await visitor.until(() =>
    ['listening', 'thinking', 'speaking'].every((state) => visitor.agentStates.includes(state)),
  );
});

test('agent-join, agent-dispatch and agent-leave act on the framework agent', async () => {
  const conversation = await createConversation();
  await control('agent-join', { enabled: false, room: conversation.room_name });
  const { visitor } = await visitConversation(conversation);
  const { identity } = await control('agent-dispatch', { room: conversation.room_name });
  assert.match(String(identity), /^agent-/);
  const greeting = await visitor.transcript((t) => t.text.trim() === GREETING);
  assert.equal(greeting.from, identity);
  assert.deepEqual([...visitor.room.remoteParticipants.keys()], [identity]);

  await control('agent-leave', { room: conversation.room_name });
  await visitor.until(() => visitor.room.remoteParticipants.size === 0);
  // Barred in this room still: a control call sends it, a visitor's join alone does not.
  await control('agent-join', { enabled: true, room: conversation.room_name });
});

test('agent-kind chooses the scripted agent for a room, and answers what is chosen', async () => {
  const conversation = await createConversation();
  const chosen = await control('agent-kind', { kind: 'scripted', room: conversation.room_name });
  assert.deepEqual(chosen, { kind: 'framework', rooms: { [conversation.room_name]: 'scripted' } });
  await visitConversation(conversation);
  // The scripted agent lives in the emulator; the framework agent would be a WebSocket participant.
  const rooms = (await (await fetch(`${emulator.url}/control/livekit/rooms`)).json()) as {
    rooms: Array<{ name: string; participants: Array<{ kind: string; connection: string }> }>;
  };
  const room = rooms.rooms.find((each) => each.name === conversation.room_name);
  const agents = room?.participants.filter((participant) => participant.kind === 'agent');
  assert.deepEqual(
    agents?.map((agent) => agent.connection),
    ['in-process'],
  );
  const refused = await fetch(`${emulator.url}/control/livekit/agent-kind`, {
    method: 'POST',
    body: JSON.stringify({ kind: 'python' }),
  });
  assert.equal(refused.status, 400);
});

test('reaches nothing but the emulator: no gateway, no model download, no telemetry', () => {
  const outboundHosts = readFileSync(outboundHostsFile, 'utf8').split('\n').filter(Boolean);
  assert.ok(outboundHosts.length > 0, 'the tests made connections of their own');
  assert.deepEqual(
    outboundHosts.filter((host) => !isLoopback(host)),
    [],
  );
});
