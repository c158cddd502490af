// Subscriptions survive a dropped signalling WebSocket (resume) and a full rejoin, both ways,
// with stock @livekit/rtc-node participants; tracks of a participant that left go away.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hears, remote, until, useRtcNodeRig } from './rtc-node-helpers.js';

const { rig } = useRtcNodeRig({ agents: false });

test('after a resume, tracks published later still flow both ways', async () => {
  const a = await rig.join('resume-room', 'resume-a');
  const b = await rig.join('resume-room', 'resume-b');
  const toneA = await a.publishTone();
  await until(() => hears(b, toneA), "B hears A's tone");
  const sidBefore = b.room.localParticipant?.sid;
  await rig.control('drop-signal', { room: 'resume-room', identity: 'resume-b' });
  await until(
    async () => (await rig.view('resume-room', 'resume-b'))?.signalConnected === false,
    "the emulator saw B's socket go",
  );
  await until(
    async () => (await rig.view('resume-room', 'resume-b'))?.signalConnected === true,
    'B resumed',
  );
  assert.equal((await rig.view('resume-room', 'resume-b'))?.sid, sidBefore, 'the same participant');
  const toneB = await b.publishTone();
  await until(() => hears(a, toneB), "A hears B's tone published after the resume");
  const c = await rig.join('resume-room', 'resume-c');
  const toneC = await c.publishTone();
  await until(() => hears(b, toneC), "B hears C's tone (a renegotiation after the resume)");
  await until(() => hears(c, toneA) && hears(c, toneB), 'C hears A and B');
});

test('after a full rejoin, the new participant and the others hear each other', async () => {
  const a = await rig.join('rejoin-room', 'rejoin-a');
  const b = await rig.join('rejoin-room', 'rejoin-b');
  const [toneA, toneB] = await Promise.all([a.publishTone(), b.publishTone()]);
  await until(() => hears(b, toneA) && hears(a, toneB), 'A and B hear each other');
  const oldSid = (await rig.view('rejoin-room', 'rejoin-a'))?.sid;
  await rig.control('force-reconnect', { room: 'rejoin-room', identity: 'rejoin-a' });
  let rejoined: Awaited<ReturnType<typeof rig.view>>;
  await until(async () => {
    rejoined = await rig.view('rejoin-room', 'rejoin-a');
    return rejoined !== undefined && rejoined.sid !== oldSid && rejoined.tracks.length === 1;
  }, 'A rejoined as a new participant and republished its tone');
  const newToneA = rejoined?.tracks[0]?.sid;
  assert.notEqual(newToneA, toneA);
  await until(() => hears(b, newToneA), "B hears A's republished tone");
  await until(
    async () =>
      (await rig.view('rejoin-room', 'rejoin-a'))?.subscribedTrackSids.includes(toneB) ?? false,
    "the rejoined A is subscribed to B's tone",
  );
  a.heard.delete(toneB);
  await until(() => hears(a, toneB), "the rejoined A hears B's tone");
  assert.equal(remote(b, 'rejoin-a')?.sid, rejoined?.sid);
  const bView = await rig.view('rejoin-room', 'rejoin-b');
  assert.ok(!bView?.subscribedTrackSids.includes(toneA), "A's old track is gone from B");
});

test('participants come and go: their tracks leave, and freed receive slots carry new ones', async () => {
  const host = await rig.join('churn-room', 'churn-host');
  // Each guest's tone takes a receive slot of the host; the second reuses the first's slot
  // (answered inactive once in between), the third the second's.
  for (const round of [1, 2, 3, 4]) {
    const guest = await rig.join('churn-room', `churn-guest-${round}`);
    const tone = await guest.publishTone();
    await until(() => hears(host, tone), `the host hears guest ${round}`);
    await guest.disconnect();
    await until(
      () => remote(host, `churn-guest-${round}`) === undefined,
      `guest ${round} is gone for the host`,
    );
    const view = await rig.view('churn-room', 'churn-host');
    assert.deepEqual(view?.subscribedTrackSids, [], `guest ${round}'s track left the host`);
  }
});
