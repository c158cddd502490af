import { expect } from '@open-wc/testing';
import {
  type RemoteAudioTrack,
  type RemoteTrack,
  type Room,
  RoomEvent,
  Track,
} from 'livekit-client';
import { resetEmulator } from '../helpers/emulator.js';
import { agentOf, joinConversation, leave, roomView, until } from './livekit-helpers.js';

/** The loudest level Chromium measured on a received audio track (0 silence … 1 full scale). */
async function receivedAudioLevel(track: RemoteAudioTrack): Promise<number> {
  const stats = await track.receiver!.getStats();
  let level = 0;
  stats.forEach((report: { type: string; kind?: string; audioLevel?: number }) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') {
      level = Math.max(level, report.audioLevel ?? 0);
    }
  });
  return level;
}

describe('emulator LiveKit: microphone and agent audio', () => {
  let room: Room | undefined;

  beforeEach(resetEmulator);
  afterEach(async () => {
    await leave(room);
    room = undefined;
  });

  it('publishes the microphone and plays the agent echoing it with a non-zero level', async () => {
    const joined = await joinConversation();
    room = joined.room;
    const agent = await agentOf(room);

    const publication = await room.localParticipant.setMicrophoneEnabled(true);
    expect(publication?.trackSid).to.match(/^TR_/);
    const view = await roomView(joined.ticket.room_name);
    const user = view?.participants.find((p) => p.kind === 'user');
    expect(user?.microphoneTrackSids).to.deep.equal([publication?.trackSid]);

    let agentTrack: RemoteTrack | undefined = agent.getTrackPublication(
      Track.Source.Microphone,
    )?.track;
    if (!agentTrack) {
      [agentTrack] = await new Promise<[RemoteTrack]>((resolve) =>
        room!.once(RoomEvent.TrackSubscribed, (track) => resolve([track])),
      );
    }
    expect(agentTrack.kind).to.equal(Track.Kind.Audio);
    const audio = agentTrack as RemoteAudioTrack;
    const element = audio.attach();
    document.body.append(element);
    try {
      const level = await until(
        () => receivedAudioLevel(audio),
        (value) => value > 0,
        'the agent audio has a non-zero level',
      );
      expect(level).to.be.greaterThan(0);
    } finally {
      audio.detach(element);
      element.remove();
    }
  });
});
