// Stock @livekit/rtc-node participants against the emulator's LiveKit side: header tokens, the
// token's identity claims, requestResponse, and audio crossing the SFU between participants.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParticipantKind } from '@livekit/rtc-node';
import { hears, remote, until, useRtcNodeRig } from './rtc-node-helpers.js';

// These rooms hold only rtc-node participants: no scripted agent greeting over the tones.
const { rig, emulator } = useRtcNodeRig({ agents: false });

test('validate accepts the token from an Authorization header', async () => {
  const token = await rig.tokenFor('header-room', 'header-user');
  const validate = (headers: Record<string, string>) =>
    fetch(`${emulator().url}/rtc/v1/validate`, { headers });
  const accepted = await validate({ Authorization: `Bearer ${token}` });
  assert.equal(accepted.status, 200);
  assert.equal(await accepted.text(), 'success');
  assert.equal((await validate({ Authorization: 'Bearer not-a-token' })).status, 401);
  assert.equal((await validate({})).status, 401);
});

test('a stock rtc-node participant connects with its header token', async () => {
  const participant = await rig.join('rtc-connect', 'rtc-user');
  assert.ok(participant.room.isConnected);
  const view = await rig.view('rtc-connect', 'rtc-user');
  assert.equal(view?.connection, 'websocket');
  assert.equal(view?.sid, participant.room.localParticipant?.sid);
});

test('setAttributes resolves; the others see kind AGENT, name and attributes', async () => {
  const agent = await rig.join('rtc-claims', 'claims-agent', {
    kind: 'agent',
    name: 'Real agent',
    attributes: { from: 'token' },
  });
  const visitor = await rig.join('rtc-claims', 'claims-visitor');
  await agent.room.localParticipant?.setAttributes({ 'lk.agent.state': 'listening' });
  // The server's answer and its participant update travel apart: the update may land just after.
  await until(
    () => agent.room.localParticipant?.attributes['lk.agent.state'] === 'listening',
    'the agent sees its own new attribute',
  );
  await until(
    () => remote(visitor, 'claims-agent')?.attributes['lk.agent.state'] === 'listening',
    'the visitor sees the new attribute',
  );
  const seen = remote(visitor, 'claims-agent');
  assert.equal(seen?.kind, ParticipantKind.AGENT);
  assert.equal(seen?.name, 'Real agent');
  assert.equal(seen?.attributes['from'], 'token');
  await until(() => remote(agent, 'claims-visitor') !== undefined, 'the agent sees the visitor');
  assert.equal(remote(agent, 'claims-visitor')?.kind, ParticipantKind.STANDARD);
  assert.equal((await rig.view('rtc-claims', 'claims-agent'))?.kind, 'agent');
});

test("two participants: A's tone reaches B, and A hears that B subscribed", async () => {
  const a = await rig.join('rtc-audio', 'tone-a');
  const b = await rig.join('rtc-audio', 'tone-b');
  const toneSid = await a.publishTone();
  await until(() => a.subscribedLocal.has(toneSid), 'A gets trackSubscribed for its tone');
  await until(() => hears(b, toneSid), "B hears A's tone");
  const view = await rig.view('rtc-audio', 'tone-a');
  assert.deepEqual(
    view?.tracks.map((t) => [t.sid, t.type, t.source]),
    [[toneSid, 'AUDIO', 'MICROPHONE']],
  );
});

test('a participant joining later gets the tracks of both earlier ones', async () => {
  const a = await rig.join('rtc-three', 'three-a');
  const b = await rig.join('rtc-three', 'three-b');
  const [toneA, toneB] = await Promise.all([a.publishTone(), b.publishTone()]);
  await until(() => hears(b, toneA), "B hears A's tone");
  await until(() => hears(a, toneB), "A hears B's tone");
  const c = await rig.join('rtc-three', 'three-c');
  await until(() => hears(c, toneA), "C hears A's tone");
  await until(() => hears(c, toneB), "C hears B's tone");
});

test('an unpublished track leaves its subscribers; a new one reaches them again', async () => {
  const a = await rig.join('rtc-unpublish', 'unpublish-a');
  const b = await rig.join('rtc-unpublish', 'unpublish-b');
  const first = await a.publishTone();
  await until(() => hears(b, first), "B hears A's first tone");
  await a.unpublishTone(first);
  await until(
    () => remote(b, 'unpublish-a')?.trackPublications.size === 0,
    'B sees the track unpublished',
  );
  assert.deepEqual((await rig.view('rtc-unpublish', 'unpublish-a'))?.tracks, []);
  assert.deepEqual((await rig.view('rtc-unpublish', 'unpublish-b'))?.subscribedTrackSids, []);
  const second = await a.publishTone();
  await until(() => hears(b, second), "B hears A's second tone");
});
