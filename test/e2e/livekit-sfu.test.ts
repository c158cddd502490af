// The emulator as an SFU between the page and a stock @livekit/rtc-node participant (started in
// the emulator's process by `/control/livekit/test-participant`): the page's fake microphone
// reaches it, its tone reaches the page, both with real energy, and it appears as kind AGENT.
import { expect } from '@open-wc/testing';
import {
  type RemoteAudioTrack,
  type RemoteParticipant,
  Room,
  RoomEvent,
  Track,
} from 'livekit-client';
import {
  control,
  createConversation,
  resetEmulator,
  roomView,
  selectAgent,
} from '../helpers/emulator.js';
import { eventually, leave, receivedAudio, until } from './livekit-helpers.js';

/** Loud enough to be Chromium's fake-microphone beep, not silence (RMS 0…1). */
const AUDIBLE_RMS = 0.005;

interface TestParticipantView {
  sid: string;
  trackSid: string;
  subscribed: boolean;
  heard: Record<string, number>;
  audibleFrames: Record<string, number>;
}

function testParticipant(room: string, identity: string): Promise<TestParticipantView> {
  const query = new URLSearchParams({ room, identity });
  return control<TestParticipantView>(
    `/control/livekit/test-participant?${query}`,
    undefined,
    'GET',
  );
}

/** Joins a fresh conversation's room; every remote audio track is attached as it arrives. */
async function joinRoom(options: { scriptedAgent: boolean }) {
  const ticket = await createConversation();
  if (!options.scriptedAgent) {
    await control('/control/livekit/agent-join', { room: ticket.room_name, enabled: false });
  }
  const room = new Room();
  const tracks = new Map<string, RemoteAudioTrack>();
  room.on(RoomEvent.TrackSubscribed, (track, publication) => {
    if (track.kind !== Track.Kind.Audio) return;
    document.body.append(track.attach());
    tracks.set(publication.trackSid, track as RemoteAudioTrack);
  });
  await room.connect(ticket.room_url, ticket.token);
  return { room, ticket, tracks };
}

/** Resolves once the participant has received more audible frames of `trackSid` than now. */
async function keepsHearing(roomName: string, identity: string, trackSid: string, what: string) {
  const before = (await testParticipant(roomName, identity)).audibleFrames[trackSid] ?? 0;
  await until(
    () => testParticipant(roomName, identity),
    (view) => (view.audibleFrames[trackSid] ?? 0) > before,
    what,
  );
}

/** Resolves once the page has played more energy of `track` than now. */
async function pageKeepsHearing(track: RemoteAudioTrack, what: string) {
  const before = (await receivedAudio(track)).energy;
  await until(
    () => receivedAudio(track),
    (audio) => audio.energy > before,
    what,
  );
}

function participantNamed(room: Room, identity: string): RemoteParticipant | undefined {
  return room.remoteParticipants.get(identity);
}

describe('emulator LiveKit: an SFU between the page and a stock rtc-node participant', function () {
  // A resume and a full rejoin in one test, on a shared 2-core machine: more than the default.
  this.timeout(60_000);
  let room: Room | undefined;

  beforeEach(resetEmulator);
  beforeEach(() => selectAgent('scripted'));
  afterEach(async () => {
    await leave(room);
    room = undefined;
    for (const element of document.querySelectorAll('audio')) element.remove();
    // Disconnects the rtc-node participants as well.
    await resetEmulator();
  });

  it("the page's microphone reaches the participant and its tone reaches the page", async () => {
    const joined = await joinRoom({ scriptedAgent: false });
    room = joined.room;
    const roomName = joined.ticket.room_name;
    const started = await control<TestParticipantView>('/control/livekit/test-participant', {
      room: roomName,
      identity: 'rtc-agent',
      kind: 'agent',
    });

    await eventually(() => participantNamed(joined.room, 'rtc-agent') !== undefined, 'it joins');
    const agent = participantNamed(joined.room, 'rtc-agent');
    expect(agent?.isAgent).to.equal(true);
    expect(agent?.sid).to.equal(started.sid);
    await eventually(() => joined.tracks.has(started.trackSid), 'the page subscribes to its tone');
    const tone = joined.tracks.get(started.trackSid)!;
    await until(
      () => receivedAudio(tone),
      (audio) => audio.energy > 0,
      'the page hears the tone',
    );
    await until(
      () => testParticipant(roomName, 'rtc-agent'),
      (view) => view.subscribed,
      'the participant is told the page subscribed (trackSubscribed)',
    );

    const mic = await joined.room.localParticipant.setMicrophoneEnabled(true);
    const micSid = mic?.trackSid ?? '';
    expect(micSid).to.match(/^TR_/);
    const heard = await until(
      () => testParticipant(roomName, 'rtc-agent'),
      (view) => (view.heard[micSid] ?? 0) > AUDIBLE_RMS,
      "the participant hears the page's microphone",
    );
    expect(heard.heard[micSid]).to.be.greaterThan(AUDIBLE_RMS);
    const view = await roomView(roomName);
    expect(view?.participants.find((p) => p.identity === 'rtc-agent')?.kind).to.equal('agent');
  });

  it("the scripted agent's greeting reaches an rtc-node participant too", async () => {
    const joined = await joinRoom({ scriptedAgent: true });
    room = joined.room;
    const roomName = joined.ticket.room_name;
    await control('/control/livekit/test-participant', { room: roomName, identity: 'listener' });
    const view = await until(
      () => roomView(roomName),
      (v) => v?.participants.some((p) => p.kind === 'agent' && p.trackSid) ?? false,
      'the scripted agent is in the room',
    );
    const agentTrack = view?.participants.find((p) => p.kind === 'agent')?.trackSid ?? '';
    await until(
      () => testParticipant(roomName, 'listener'),
      (heard) => (heard.heard[agentTrack] ?? 0) > AUDIBLE_RMS,
      "the rtc-node participant hears the agent's greeting",
    );
    await eventually(() => joined.tracks.size === 2, "the page gets the agent's and the tone");
  });

  it('two livekit-client participants in one room hear each other', async () => {
    const first = await joinRoom({ scriptedAgent: false });
    room = first.room;
    const { token } = await control<{ token: string }>('/control/livekit/token', {
      room: first.ticket.room_name,
      identity: 'second-visitor',
    });
    const second = new Room();
    const secondTracks = new Map<string, RemoteAudioTrack>();
    second.on(RoomEvent.TrackSubscribed, (track, publication) => {
      if (track.kind === Track.Kind.Audio) {
        document.body.append(track.attach());
        secondTracks.set(publication.trackSid, track as RemoteAudioTrack);
      }
    });
    try {
      await second.connect(first.ticket.room_url, token);
      const [micA, micB] = await Promise.all([
        first.room.localParticipant.setMicrophoneEnabled(true),
        second.localParticipant.setMicrophoneEnabled(true),
      ]);
      await eventually(() => secondTracks.has(micA?.trackSid ?? ''), 'B subscribes to A');
      await eventually(() => first.tracks.has(micB?.trackSid ?? ''), 'A subscribes to B');
      await pageKeepsHearing(secondTracks.get(micA?.trackSid ?? '')!, "B hears A's microphone");
      await pageKeepsHearing(first.tracks.get(micB?.trackSid ?? '')!, "A hears B's microphone");
    } finally {
      await leave(second);
    }
  });

  it('after a dropped signal and after a full rejoin, audio flows both ways again', async () => {
    const joined = await joinRoom({ scriptedAgent: false });
    room = joined.room;
    const roomName = joined.ticket.room_name;
    const identity = joined.room.localParticipant.identity;
    const { trackSid: toneSid } = await control<TestParticipantView>(
      '/control/livekit/test-participant',
      { room: roomName, identity: 'rtc-peer' },
    );
    const mic = await joined.room.localParticipant.setMicrophoneEnabled(true);
    await eventually(() => joined.tracks.has(toneSid), 'the page subscribes to the tone');
    await pageKeepsHearing(joined.tracks.get(toneSid)!, 'the page hears the tone');
    await keepsHearing(roomName, 'rtc-peer', mic?.trackSid ?? '', 'the peer hears the page');

    const resumed = new Promise<void>((resolve) =>
      joined.room.once(RoomEvent.Reconnected, () => resolve()),
    );
    await control('/control/livekit/drop-signal', { room: roomName, identity });
    await resumed;
    await pageKeepsHearing(joined.tracks.get(toneSid)!, 'the page hears the tone after resuming');
    await keepsHearing(roomName, 'rtc-peer', mic?.trackSid ?? '', 'the peer hears it too');

    const toneBefore = joined.tracks.get(toneSid);
    const rejoined = new Promise<void>((resolve) =>
      joined.room.once(RoomEvent.Reconnected, () => resolve()),
    );
    await control('/control/livekit/force-reconnect', { room: roomName, identity });
    await rejoined;
    const micPublication = () =>
      joined.room.localParticipant.getTrackPublication(Track.Source.Microphone);
    await eventually(
      () => (micPublication()?.trackSid ?? mic?.trackSid) !== mic?.trackSid,
      'the microphone is republished after the rejoin',
    );
    await keepsHearing(roomName, 'rtc-peer', micPublication()?.trackSid ?? '', 'the peer hears it');
    await eventually(
      () => joined.tracks.get(toneSid) !== toneBefore,
      'the rejoined page subscribes to the tone again',
    );
    await pageKeepsHearing(joined.tracks.get(toneSid)!, 'the rejoined page hears the tone');
  });
});
