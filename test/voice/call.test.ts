import { expect, waitUntil } from '@open-wc/testing';
import { Room, RoomEvent, Track, type TranscriptionSegment } from 'livekit-client';
import { createLiveKitVoiceSession } from '../../src/voice/livekit-voice-session.js';
import type { VoiceSession } from '../../src/voice/voice-session.js';
import { control, createConversation, resetEmulator, selectAgent } from '../helpers/emulator.js';
import { connectOptions, EventLog, noVisitorLeft, watchMicrophoneTracks } from './call-helpers.js';

// The emulator's scripted agent: greets, echoes the microphone as its voice, quotes typed text.
const GREETING_START = 'Hello!';

describe('LiveKitVoiceSession: a call', () => {
  let session: VoiceSession;
  let log: EventLog;
  let microphone: ReturnType<typeof watchMicrophoneTracks>;

  beforeEach(async () => {
    await resetEmulator();
    await selectAgent('scripted');
    microphone = watchMicrophoneTracks();
    session = createLiveKitVoiceSession();
    log = new EventLog(session);
  });

  afterEach(async () => {
    await session.disconnect();
    microphone.restore();
  });

  it('connects, greets with a transcript, plays the agent and follows its state', async () => {
    const conversation = await createConversation();
    await session.prepare(conversation.room_url);
    await session.connect(connectOptions(conversation));
    expect(['connected', 'waiting-for-agent']).to.include(session.callState);

    await log.waitForCallState('connected');
    const greeting = await log.waitFor(
      'the final greeting',
      (event) => event.type === 'transcript' && event.update.final,
    );
    if (greeting.type !== 'transcript') throw new Error('not a transcript');
    expect(greeting.update.role).to.equal('assistant');
    expect(greeting.update.text.startsWith(GREETING_START)).to.equal(true);
    // Interim updates came first, under the same segment id, each one replacing the last.
    const updates = log.transcripts().filter((u) => u.segmentId === greeting.update.segmentId);
    expect(updates.length).to.be.greaterThan(1);
    expect(updates.filter((u) => u.final)).to.have.length(1);

    expect(log.agentStates()).to.include.members(['listening', 'speaking']);
    await waitUntil(() => session.agentState === 'listening', 'agent back to listening', {
      timeout: 15000,
    });

    // The agent's voice is the fake microphone echoed back: both meters move.
    await waitUntil(() => session.levels().output > 0, 'agent audio level', { timeout: 15000 });
    // Resuming audio (the visitor's gesture after an autoplay block) is harmless mid-call.
    await session.startAudio();
    await waitUntil(() => session.levels().input > 0, 'microphone level', { timeout: 15000 });
  });

  it('sends typed text on lk.chat and receives the reply as an assistant transcript', async () => {
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected');
    await session.sendText('What time is it?');
    const reply = await log.waitFor(
      'the reply',
      (event) =>
        event.type === 'transcript' &&
        event.update.final &&
        event.update.text.includes('What time is it?'),
    );
    if (reply.type !== 'transcript') throw new Error('not a transcript');
    expect(reply.update.role).to.equal('assistant');
    expect(log.agentStates()).to.include('thinking');
  });

  it('tells the visitor their own words by the transcribed track, not by the sender', async () => {
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected');
    // Published by the agent participant, but transcribing the visitor's microphone track.
    await control('/control/livekit/transcript', {
      room: conversation.room_name,
      role: 'user',
      text: 'I would like a table for two',
      final: false,
      segmentId: 'SG_user_1',
    });
    await control('/control/livekit/transcript', {
      room: conversation.room_name,
      role: 'user',
      text: 'I would like a table for two tonight.',
      segmentId: 'SG_user_1',
    });
    await log.waitFor(
      'the final user segment',
      (event) =>
        event.type === 'transcript' && event.update.segmentId === 'SG_user_1' && event.update.final,
    );
    const updates = log.transcripts().filter((u) => u.segmentId === 'SG_user_1');
    expect(updates.map((u) => u.role)).to.deep.equal(updates.map(() => 'user'));
    expect(updates.at(-1)?.text).to.equal('I would like a table for two tonight.');
  });

  it('maps the deprecated TranscriptionReceived event to the same segment updates', async () => {
    const rooms: Room[] = [];
    const legacy = createLiveKitVoiceSession({
      createRoom: () => {
        const room = new Room();
        rooms.push(room);
        return room;
      },
    });
    const legacyLog = new EventLog(legacy);
    try {
      await legacy.connect(connectOptions(await createConversation()));
      await legacyLog.waitForCallState('connected');
      const room = rooms.at(-1)!;
      const microphonePublication = room.localParticipant.getTrackPublication(
        Track.Source.Microphone,
      );
      const agent = [...room.remoteParticipants.values()].find((p) => p.isAgent)!;
      const agentVoice = [...agent.audioTrackPublications.values()][0];
      const segment = (id: string, text: string, final: boolean): TranscriptionSegment => ({
        id,
        text,
        final,
        language: 'en',
        startTime: 0,
        endTime: 0,
        firstReceivedTime: 1000,
        lastReceivedTime: 1000,
      });
      // Older agents send these as the agent participant; the track decides the speaker.
      room.emit(
        RoomEvent.TranscriptionReceived,
        [segment('L1', 'book', false)],
        agent,
        microphonePublication,
      );
      room.emit(
        RoomEvent.TranscriptionReceived,
        [segment('L1', 'book a table', true)],
        agent,
        microphonePublication,
      );
      room.emit(
        RoomEvent.TranscriptionReceived,
        [segment('L1', 'late', false)],
        agent,
        microphonePublication,
      );
      room.emit(RoomEvent.TranscriptionReceived, [segment('L2', 'Sure.', true)], agent, agentVoice);
      const legacyUpdates = legacyLog
        .transcripts()
        .filter((u) => u.segmentId === 'L1' || u.segmentId === 'L2')
        .map(({ segmentId, role, text, final }) => ({ segmentId, role, text, final }));
      expect(legacyUpdates).to.deep.equal([
        { segmentId: 'L1', role: 'user', text: 'book', final: false },
        { segmentId: 'L1', role: 'user', text: 'book a table', final: true },
        { segmentId: 'L2', role: 'assistant', text: 'Sure.', final: true },
      ]);
    } finally {
      await legacy.disconnect();
    }
  });

  it('mutes and unmutes the microphone', async () => {
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation));
    await session.setMuted(true);
    expect(session.muted).to.equal(true);
    expect(session.levels().input).to.equal(0);
    expect(microphone.tracks.every((track) => !track.enabled)).to.equal(true);
    await session.setMuted(false);
    expect(microphone.tracks.some((track) => track.enabled)).to.equal(true);
    expect(log.events.filter((event) => event.type === 'muted')).to.deep.equal([
      { type: 'muted', muted: true },
      { type: 'muted', muted: false },
    ]);
  });

  it('hangs up: ended, every track stopped, the room left, and can call again', async () => {
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected');
    await session.disconnect();
    expect(session.callState).to.equal('ended');
    expect(log.callStates().at(-1)).to.deep.equal({ state: 'ended', reason: 'hung-up' });
    expect(microphone.tracks.length).to.be.greaterThan(0);
    expect(microphone.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    expect(session.levels()).to.deep.equal({ input: 0, output: 0 });
    await noVisitorLeft(conversation.room_name);

    const again = log.mark();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected', { after: again });
    expect(session.callState).to.equal('connected');
  });
});
