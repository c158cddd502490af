import { expect, waitUntil } from '@open-wc/testing';
import { Room, Track } from 'livekit-client';
import { createLiveKitVoiceSession } from '../../src/voice/livekit-voice-session.js';
import type { VoiceSession } from '../../src/voice/voice-session.js';
import {
  createConversation,
  type RoomTicket,
  resetEmulator,
  roomView,
  selectAgent,
} from '../helpers/emulator.js';
import { connectOptions, EventLog, failureOf, watchMicrophoneTracks } from './call-helpers.js';

/** The visitor as the emulator sees it: what it publishes and what reaches it. */
async function visitorView(room: string) {
  const view = await roomView(room);
  const visitor = view?.participants.find((participant) => participant.kind === 'user') as
    | { microphoneTrackSids?: string[]; subscribedTrackSids?: string[] }
    | undefined;
  return {
    microphones: visitor?.microphoneTrackSids ?? [],
    subscribed: visitor?.subscribedTrackSids ?? [],
  };
}

/** The agent's audio as this page holds it: subscribed, and the element it plays in. */
function agentAudio(room: Room) {
  const publications = [...room.remoteParticipants.values()].flatMap((participant) => [
    ...participant.audioTrackPublications.values(),
  ]);
  const publication = publications.find((pub) => pub.isSubscribed && pub.track);
  return {
    subscribed: publication !== undefined,
    element: publication?.track?.attachedElements[0],
  };
}

const microphonePublications = (room: Room) =>
  [...room.localParticipant.trackPublications.values()].filter(
    (publication) => publication.source === Track.Source.Microphone,
  );

describe('LiveKitVoiceSession: text mode (joined without the microphone)', () => {
  let session: VoiceSession;
  let room: Room;
  let log: EventLog;
  let microphone: ReturnType<typeof watchMicrophoneTracks>;
  let conversation: RoomTicket;

  const joinToType = async (extra: { microphoneDeviceId?: string } = {}) => {
    await session.connect(connectOptions(conversation, { microphone: false, ...extra }));
    await log.waitForCallState('connected');
  };

  beforeEach(async () => {
    await resetEmulator();
    await selectAgent('scripted');
    microphone = watchMicrophoneTracks();
    session = createLiveKitVoiceSession({
      createRoom: () => {
        room = new Room({ adaptiveStream: false, dynacast: false });
        return room;
      },
    });
    log = new EventLog(session);
    conversation = await createConversation();
  });

  afterEach(async () => {
    await session.disconnect();
    microphone.restore();
    expect(microphone.tracks.filter((track) => track.readyState !== 'ended')).to.deep.equal([]);
  });

  it('joins and talks without asking for the microphone; the agent stays subscribed, silent', async () => {
    await joinToType();
    expect(microphone.tracks).to.deep.equal([]);
    expect(microphonePublications(room)).to.deep.equal([]);
    await log.waitFor('the greeting', (event) => event.type === 'transcript' && event.update.final);
    await waitUntil(() => agentAudio(room).subscribed, 'the agent’s audio is never subscribed');
    expect(agentAudio(room).element?.muted, 'silenced on the element').to.equal(true);
    expect(session.levels()).to.deep.equal({ input: 0, output: 0 });
    const mark = log.mark();
    await session.sendText('Typed only');
    await log.waitFor(
      'the reply',
      (event) =>
        event.type === 'transcript' && event.update.final && /Typed only/.test(event.update.text),
      { after: mark },
    );

    await session.setSpeakerEnabled(true);
    expect(agentAudio(room).element?.muted).to.equal(false);
    await session.setSpeakerEnabled(false);
    expect(agentAudio(room).element?.muted).to.equal(true);
  });

  it('publishes the microphone once however often it is asked, and unpublishes it, in the room', async () => {
    expect(
      (await failureOf(session.setMicrophoneEnabled(true)))?.reason,
      'before joining',
    ).to.equal('unknown');
    await joinToType();
    await Promise.all([session.setMicrophoneEnabled(true), session.setMicrophoneEnabled(true)]);
    const switches = () =>
      log.events.flatMap((event) => (event.type === 'microphone' ? [event.enabled] : []));
    expect(switches()).to.deep.equal([true]);
    expect(microphone.tracks).to.have.length(1);
    expect(microphonePublications(room)).to.have.length(1);
    await waitUntil(
      async () => (await visitorView(conversation.room_name)).microphones.length === 1,
    );
    // The scripted agent echoes the microphone as its voice: heard once the speaker is on.
    await session.setSpeakerEnabled(true);
    await waitUntil(() => session.levels().input > 0 && session.levels().output > 0, 'no levels', {
      timeout: 15000,
    });

    await session.setMicrophoneEnabled(false);
    await session.setMicrophoneEnabled(false);
    expect(switches()).to.deep.equal([true, false]);
    expect(microphone.tracks[0]!.readyState).to.equal('ended');
    expect(microphonePublications(room)).to.deep.equal([]);
    await waitUntil(
      async () => (await visitorView(conversation.room_name)).microphones.length === 0,
    );
    expect(session.callState).to.equal('connected');
    // Back to voice: a new track under a new sid, in the same room.
    await session.setMicrophoneEnabled(true);
    expect(microphone.tracks).to.have.length(2);
    expect(switches()).to.deep.equal([true, false, true]);
    expect((await visitorView(conversation.room_name)).subscribed.length).to.be.greaterThan(0);
  });

  it('stays in the room with the microphone off when it cannot be had', async () => {
    await joinToType({ microphoneDeviceId: 'unplugged-headset' });
    const failure = await failureOf(session.setMicrophoneEnabled(true));
    expect(failure?.reason).to.equal('mic-missing');
    expect(session.callState).to.equal('connected');
    expect(microphonePublications(room)).to.deep.equal([]);
    expect(log.events.filter((event) => event.type === 'microphone')).to.deep.equal([]);
    const mark = log.mark();
    await session.sendText('Still here');
    await log.waitFor(
      'the reply',
      (event) =>
        event.type === 'transcript' && event.update.final && /Still here/.test(event.update.text),
      { after: mark },
    );
  });
});
