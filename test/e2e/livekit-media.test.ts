import { expect } from '@open-wc/testing';
import {
  type RemoteAudioTrack,
  type RemoteParticipant,
  Room,
  RoomEvent,
  Track,
} from 'livekit-client';
import { resetEmulator, roomView, selectAgent } from '../helpers/emulator.js';
import {
  agentOf,
  eventually,
  joinConversation,
  leave,
  receivedAudio,
  until,
} from './livekit-helpers.js';

/** Joins with the agent's voice attached to an audio element the moment it arrives. */
async function joinListening() {
  const room = new Room();
  const voice = new Promise<RemoteAudioTrack>((resolve) =>
    room.on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind !== Track.Kind.Audio) return;
      document.body.append(track.attach());
      resolve(track as RemoteAudioTrack);
    }),
  );
  const { ticket } = await joinConversation(room);
  const agent = await agentOf(room);
  return { room, ticket, agent, voice: await voice };
}

function agentState(agent: RemoteParticipant): string | undefined {
  return agent.attributes['lk.agent.state'];
}

describe('emulator LiveKit: microphone and agent audio', () => {
  let room: Room | undefined;

  beforeEach(resetEmulator);
  beforeEach(() => selectAgent('scripted'));
  afterEach(async () => {
    await leave(room);
    room = undefined;
    for (const element of document.querySelectorAll('audio')) element.remove();
  });

  it('speaks its greeting before the microphone is on', async () => {
    const session = await joinListening();
    room = session.room;
    expect(session.voice.sid).to.equal(
      session.agent.getTrackPublication(Track.Source.Microphone)?.trackSid,
    );
    expect(room.localParticipant.isMicrophoneEnabled).to.equal(false);
    const heard = await until(
      () => receivedAudio(session.voice),
      (audio) => audio.energy > 0,
      'the greeting is heard',
    );
    expect(heard.energy).to.be.greaterThan(0);
  });

  it('publishes the microphone and echoes it back with a non-zero level', async () => {
    const session = await joinListening();
    room = session.room;
    const { agent, voice, ticket } = session;
    // After the greeting the agent falls silent; then only the echo can make it heard again.
    await eventually(() => agentState(agent) === 'speaking', 'the greeting starts');
    await eventually(() => agentState(agent) === 'listening', 'the greeting ends');
    await until(
      () => receivedAudio(voice),
      (audio) => audio.level === 0,
      'the agent is silent',
    );

    const publication = await room.localParticipant.setMicrophoneEnabled(true);
    expect(publication?.trackSid).to.match(/^TR_/);
    const view = await roomView(ticket.room_name);
    const user = view?.participants.find((p) => p.kind === 'user');
    expect(user?.microphoneTrackSids).to.deep.equal([publication?.trackSid]);

    const echo = await until(
      () => receivedAudio(voice),
      (audio) => audio.level > 0,
      'the echo is heard',
    );
    expect(echo.level).to.be.greaterThan(0);
  });
});
