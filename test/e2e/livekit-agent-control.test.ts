import { expect } from '@open-wc/testing';
import {
  type Participant,
  type RemoteAudioTrack,
  type RemoteParticipant,
  type Room,
  RoomEvent,
  type TranscriptionSegment,
} from 'livekit-client';
import { control, resetEmulator, selectAgent } from '../helpers/emulator.js';
import {
  agentOf,
  eventually,
  joinConversation,
  leave,
  receivedAudio,
  until,
} from './livekit-helpers.js';

describe('emulator LiveKit: sending the agent in and out', () => {
  let room: Room | undefined;

  beforeEach(resetEmulator);
  beforeEach(() => selectAgent('scripted'));
  afterEach(async () => {
    await leave(room);
    room = undefined;
  });

  it('dispatches a late agent whose voice still reaches the page', async () => {
    await control('/control/livekit/agent-join', { enabled: false });
    const joined = await joinConversation();
    room = joined.room;
    await room.localParticipant.setMicrophoneEnabled(true);
    expect(room.remoteParticipants.size).to.equal(0);

    const subscribed = new Promise<RemoteAudioTrack>((resolve) =>
      room!.on(RoomEvent.TrackSubscribed, (track) => resolve(track as RemoteAudioTrack)),
    );
    await control('/control/livekit/agent-dispatch', { room: joined.ticket.room_name });
    const agent = await agentOf(room);
    const track = await subscribed;
    expect(track.sid).to.equal([...agent.trackPublications.values()][0].trackSid);
    const element = track.attach();
    document.body.append(element);
    try {
      const level = await until(
        async () => (await receivedAudio(track)).level,
        (value) => value > 0,
        'the late agent is heard',
      );
      expect(level).to.be.greaterThan(0);
    } finally {
      track.detach(element);
      element.remove();
    }
  });

  it('lets the agent leave the room', async () => {
    const joined = await joinConversation();
    room = joined.room;
    const agent = await agentOf(room);
    const gone = new Promise<RemoteParticipant>((resolve) =>
      room!.once(RoomEvent.ParticipantDisconnected, resolve),
    );
    await control('/control/livekit/agent-leave', { room: joined.ticket.room_name });
    expect((await gone).identity).to.equal(agent.identity);
    expect(room.remoteParticipants.size).to.equal(0);
  });

  it('sends deprecated transcription packets when asked, as older agents do', async () => {
    const joined = await joinConversation();
    room = joined.room;
    const agent = await agentOf(room);
    const received: Array<{ segments: TranscriptionSegment[]; participant?: Participant }> = [];
    room.on(RoomEvent.TranscriptionReceived, (segments, participant) =>
      received.push({ segments, participant }),
    );
    await control('/control/livekit/transcript', {
      room: joined.ticket.room_name,
      role: 'assistant',
      text: 'the old way',
      segmentId: 'SG_legacy',
      legacy: true,
    });
    await eventually(() => received.length > 0, 'the transcription arrives');
    const [{ segments, participant }] = received;
    expect(participant?.identity).to.equal(agent.identity);
    expect(segments.map((s) => [s.id, s.text, s.final])).to.deep.equal([
      ['SG_legacy', 'the old way', true],
    ]);
  });
});
