// Stock @livekit/rtc-node participants against the emulator's LiveKit side: header tokens, the
// token's identity claims, requestResponse, and audio crossing the SFU between participants.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dispose, ParticipantKind, type RemoteParticipant } from '@livekit/rtc-node';
import { AccessToken } from 'livekit-server-sdk';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { DEFAULT_LIVEKIT_CREDENTIALS } from '../../emulator/livekit/tokens.js';
import { ToneParticipant } from '../../emulator/livekit/tone-participant.js';

/** Loud enough to be the tone, not silence or comfort noise (the tone's RMS is about 0.17). */
const AUDIBLE_RMS = 0.02;

let emulator: RunningEmulator;
const participants: ToneParticipant[] = [];

before(async () => {
  emulator = await startEmulator();
  // These rooms hold only rtc-node participants: no scripted agent greeting over the tones.
  await control('agent-join', { enabled: false });
});

after(async () => {
  // rtc-node's FFI keeps the process alive until every room is disconnected.
  await Promise.all(participants.map((p) => p.disconnect().catch(() => undefined)));
  await dispose();
  await emulator.stop();
});

async function control(action: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emulator.url}/control/livekit/${action}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(res.status, 200, `control ${action}: ${await res.clone().text()}`);
  return res.json();
}

interface Claims {
  name?: string;
  kind?: 'agent';
  attributes?: Record<string, string>;
  metadata?: string;
}

async function tokenFor(room: string, identity: string, claims: Claims = {}): Promise<string> {
  const { apiKey, apiSecret } = DEFAULT_LIVEKIT_CREDENTIALS;
  const token = new AccessToken(apiKey, apiSecret, { identity, ttl: 600, ...claims });
  token.addGrant({ room, roomJoin: true, agent: claims.kind === 'agent' });
  return token.toJwt();
}

async function join(room: string, identity: string, claims?: Claims): Promise<ToneParticipant> {
  const participant = new ToneParticipant();
  participants.push(participant);
  await participant.connect(
    emulator.url.replace(/^http/, 'ws'),
    await tokenFor(room, identity, claims),
  );
  return participant;
}

/** Polls a condition until it holds (the test's own timeout bounds the wait). */
async function until(condition: () => boolean, what: string): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(condition(), what);
}

function remote(participant: ToneParticipant, identity: string): RemoteParticipant | undefined {
  return participant.room.remoteParticipants.get(identity);
}

test('validate and the upgrade accept the token from an Authorization header', async () => {
  const token = await tokenFor('header-room', 'header-user');
  const validate = (headers: Record<string, string>) =>
    fetch(`${emulator.url}/rtc/v1/validate`, { headers });
  const accepted = await validate({ Authorization: `Bearer ${token}` });
  assert.equal(accepted.status, 200);
  assert.equal(await accepted.text(), 'success');
  const refused = await validate({ Authorization: 'Bearer not-a-token' });
  assert.equal(refused.status, 401);
  assert.equal((await validate({})).status, 401);
});

test('a stock rtc-node participant connects with its header token', async () => {
  const participant = await join('rtc-connect', 'rtc-user');
  assert.ok(participant.room.isConnected);
  const { rooms } = (await control('rooms')) as {
    rooms: { name: string; participants: { identity: string; connection: string }[] }[];
  };
  const listed = rooms.find((r) => r.name === 'rtc-connect')?.participants;
  assert.deepEqual(
    listed?.map((p) => [p.identity, p.connection]),
    [['rtc-user', 'websocket']],
  );
});

test('setAttributes resolves; the others see kind AGENT, name and attributes', async () => {
  const agent = await join('rtc-claims', 'claims-agent', {
    kind: 'agent',
    name: 'Real agent',
    attributes: { from: 'token' },
  });
  const visitor = await join('rtc-claims', 'claims-visitor');
  await agent.room.localParticipant?.setAttributes({ 'lk.agent.state': 'listening' });
  assert.equal(agent.room.localParticipant?.attributes['lk.agent.state'], 'listening');
  await until(
    () => remote(visitor, 'claims-agent')?.attributes['lk.agent.state'] === 'listening',
    'the visitor sees the new attribute',
  );
  const seen = remote(visitor, 'claims-agent');
  assert.equal(seen?.kind, ParticipantKind.AGENT);
  assert.equal(seen?.name, 'Real agent');
  assert.equal(seen?.attributes['from'], 'token');
  assert.equal(remote(agent, 'claims-visitor')?.kind, ParticipantKind.STANDARD);
});

test("two participants: A's tone reaches B, and A hears that B subscribed", async () => {
  const a = await join('rtc-audio', 'tone-a');
  const b = await join('rtc-audio', 'tone-b');
  const toneSid = await a.publishTone();
  await until(() => a.subscribedLocal.has(toneSid), 'A gets trackSubscribed for its tone');
  await until(() => (b.heard.get(toneSid) ?? 0) > AUDIBLE_RMS, "B hears A's tone");
});

test('a participant joining later gets the tracks of both earlier ones', async () => {
  const a = await join('rtc-three', 'three-a');
  const b = await join('rtc-three', 'three-b');
  const [toneA, toneB] = await Promise.all([a.publishTone(), b.publishTone()]);
  await until(() => (b.heard.get(toneA) ?? 0) > AUDIBLE_RMS, "B hears A's tone");
  await until(() => (a.heard.get(toneB) ?? 0) > AUDIBLE_RMS, "A hears B's tone");
  const c = await join('rtc-three', 'three-c');
  await until(() => (c.heard.get(toneA) ?? 0) > AUDIBLE_RMS, "C hears A's tone");
  await until(() => (c.heard.get(toneB) ?? 0) > AUDIBLE_RMS, "C hears B's tone");
});
