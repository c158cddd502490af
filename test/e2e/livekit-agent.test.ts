import { expect } from '@open-wc/testing';
import { type Participant, type RemoteParticipant, Room, RoomEvent, Track } from 'livekit-client';
import {
  control,
  krosaiFetch,
  type RoomTicket,
  resetEmulator,
  roomView,
  selectAgent,
} from '../helpers/emulator.js';
import {
  agentOf,
  eventually,
  joinConversation,
  leave,
  readTranscription,
  until,
} from './livekit-helpers.js';

/** One `lk.transcription` stream as the page received it. */
interface Transcript {
  text: string;
  from: string;
  segmentId: string;
  final: boolean;
  trackId: string;
}

/** Joins with handlers registered first, recording transcripts and the agent's states. */
async function joinRecording() {
  const room = new Room();
  const transcripts: Transcript[] = [];
  room.registerTextStreamHandler('lk.transcription', (reader, sender) =>
    readTranscription(room, reader, (text, final) => {
      const attributes = reader.info.attributes ?? {};
      transcripts.push({
        text,
        from: sender.identity,
        segmentId: attributes['lk.segment_id'],
        final,
        trackId: attributes['lk.transcribed_track_id'],
      });
    }),
  );
  const states: string[] = [];
  const recordState = (participant: Participant) => {
    const state = participant.attributes['lk.agent.state'];
    if (participant.isAgent && state && states.at(-1) !== state) states.push(state);
  };
  room.on(RoomEvent.ParticipantConnected, recordState);
  room.on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) =>
    recordState(participant),
  );
  const { ticket } = await joinConversation(room);
  for (const participant of room.remoteParticipants.values()) recordState(participant);
  const agent = await agentOf(room);
  return { room, ticket, transcripts, states, agent };
}

function agentTrackSid(agent: RemoteParticipant): string | undefined {
  return agent.getTrackPublication(Track.Source.Microphone)?.trackSid;
}

/** What the agent received in the conversation's room (`/control/livekit/received`). */
interface ReceivedItem {
  from: string;
  topic: string;
  text: string;
}

function receivedBy(ticket: RoomTicket) {
  return control<{ texts: ReceivedItem[]; data: ReceivedItem[] }>(
    `/control/livekit/received?room=${ticket.room_name}`,
    undefined,
    'GET',
  );
}

async function messagesOf(ticket: RoomTicket): Promise<Array<{ role: string; content: string }>> {
  const response = await krosaiFetch(`/v1/conversations/${ticket.id}/messages`);
  return response.json();
}

describe('emulator LiveKit: the scripted agent', () => {
  let room: Room | undefined;

  beforeEach(resetEmulator);
  beforeEach(() => selectAgent('scripted'));
  afterEach(async () => {
    await leave(room);
    room = undefined;
  });

  it('greets with interim then final transcripts carrying all three attributes', async () => {
    const session = await joinRecording();
    room = session.room;
    const { transcripts, agent } = session;
    await eventually(() => transcripts.some((t) => t.final), 'the greeting is final');
    const final = transcripts.find((t) => t.final)!;
    expect(final.text).to.match(/^Hello!/);
    expect(final.from).to.equal(agent.identity);
    expect(final.segmentId).to.match(/^SG_/);
    expect(final.trackId).to.equal(agentTrackSid(agent));
    const interim = transcripts.filter((t) => !t.final);
    expect(interim.length).to.be.greaterThan(1);
    for (const t of interim) {
      expect(t.segmentId).to.equal(final.segmentId);
      expect(final.text.startsWith(t.text)).to.equal(true);
    }
  });

  it('moves lk.agent.state through listening, speaking and back, as the framework does', async () => {
    const session = await joinRecording();
    room = session.room;
    await eventually(
      () => session.states.join(',') === 'listening,speaking,listening',
      `greeting states, got ${session.states.join(',')}`,
    );
  });

  it('answers lk.chat with a streamed reply and records both as messages', async () => {
    const session = await joinRecording();
    room = session.room;
    const { transcripts, states, ticket } = session;
    await eventually(() => transcripts.some((t) => t.final), 'the greeting is final');
    const greeting = transcripts.find((t) => t.final)!;
    await eventually(() => states.at(-1) === 'listening', 'the agent listens');
    const statesBefore = states.length;

    await room.localParticipant.sendText('Where is my order?', { topic: 'lk.chat' });

    await eventually(() => transcripts.filter((t) => t.final).length === 2, 'the reply is final');
    const reply = transcripts.filter((t) => t.final)[1];
    expect(reply.text).to.contain('"Where is my order?"');
    expect(reply.segmentId).to.not.equal(greeting.segmentId);
    const replyInterim = transcripts.filter((t) => !t.final && t.segmentId === reply.segmentId);
    expect(replyInterim.length).to.be.greaterThan(1);
    await eventually(() => states.at(-1) === 'listening', 'the agent listens again');
    expect(states.slice(statesBefore)).to.deep.equal(['thinking', 'speaking', 'listening']);

    const { texts } = await receivedBy(ticket);
    expect(texts.map((t) => [t.topic, t.text, t.from])).to.deep.include([
      'lk.chat',
      'Where is my order?',
      room.localParticipant.identity,
    ]);
    const messages = await messagesOf(ticket);
    expect(messages.map((m) => [m.role, m.content])).to.deep.include.members([
      ['user', 'Where is my order?'],
      ['assistant', reply.text],
      ['assistant', greeting.text],
    ]);
  });

  it('carries data packets both ways, stamped with the sender', async () => {
    const session = await joinRecording();
    room = session.room;
    const { ticket, agent } = session;
    const fromAgent = new Promise<{ text: string; identity?: string; topic?: string }>((resolve) =>
      room!.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) =>
        resolve({
          text: new TextDecoder().decode(payload),
          identity: participant?.identity,
          topic,
        }),
      ),
    );
    await control('/control/livekit/send-data', {
      room: ticket.room_name,
      topic: 'agent-news',
      payload: 'from the agent',
    });
    expect(await fromAgent).to.deep.equal({
      text: 'from the agent',
      identity: agent.identity,
      topic: 'agent-news',
    });

    await room.localParticipant.publishData(new TextEncoder().encode('from the page'), {
      topic: 'page-news',
      reliable: true,
    });
    const { data } = await until(
      () => receivedBy(ticket),
      (received) => received.data.length > 0,
      'the agent receives the packet',
    );
    expect(data[0]).to.include({
      from: room.localParticipant.identity,
      topic: 'page-news',
      text: 'from the page',
    });
  });

  it('publishes injected user transcripts on the caller microphone track', async () => {
    const session = await joinRecording();
    room = session.room;
    const { transcripts, ticket } = session;
    const mic = await room.localParticipant.setMicrophoneEnabled(true);
    const { segmentId } = await control<{ segmentId: string }>('/control/livekit/transcript', {
      room: ticket.room_name,
      role: 'user',
      text: 'I spoke this',
      segmentId: 'SG_user_1',
    });
    expect(segmentId).to.equal('SG_user_1');
    await eventually(
      () => transcripts.some((t) => t.segmentId === 'SG_user_1'),
      'the user transcript arrives',
    );
    const spoken = transcripts.find((t) => t.segmentId === 'SG_user_1')!;
    expect(spoken).to.include({ text: 'I spoke this', final: true, trackId: mic?.trackSid });
    const messages = await messagesOf(ticket);
    expect(messages.map((m) => [m.role, m.content])).to.deep.include(['user', 'I spoke this']);
  });

  it('applies attribute and state changes sent through the control API', async () => {
    const session = await joinRecording();
    room = session.room;
    const { agent, ticket } = session;
    await control('/control/livekit/agent-attributes', {
      room: ticket.room_name,
      state: 'thinking',
      attributes: { mood: 'curious' },
    });
    await eventually(
      () =>
        agent.attributes['mood'] === 'curious' && agent.attributes['lk.agent.state'] === 'thinking',
      'the attributes reach the page',
    );
  });

  it('stays away from rooms while told never to join, and comes back when allowed', async () => {
    await control('/control/livekit/agent-join', { enabled: false });
    const lonely = await joinConversation();
    room = lonely.room;
    const view = await roomView(lonely.ticket.room_name);
    expect(view?.participants.map((p) => p.kind)).to.deep.equal(['user']);
    expect(room.remoteParticipants.size).to.equal(0);
    await leave(room);

    await control('/control/livekit/agent-join', { enabled: true });
    const joined = await joinConversation();
    room = joined.room;
    expect((await agentOf(room)).isAgent).to.equal(true);
  });
});
