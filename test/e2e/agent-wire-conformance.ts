import { AgentSession } from '@livekit/protocol';
import { expect, waitUntil } from '@open-wc/testing';
import { Room, RoomEvent, type TranscriptionSegment } from 'livekit-client';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { openConversationStore } from '../../src/store/open-store.js';
import type { StoredMessage } from '../../src/store/types.js';
import { shadow } from '../element/widget.js';
import { control, selectAgent } from '../helpers/emulator.js';
import {
  CALL_TIMEOUT,
  callAndConnect,
  GREETING,
  micButton,
  replyTo,
  roomOf,
  serverTranscript,
  shownMessages,
  typeAndSend,
  untilCallShows,
  untilFinalMessage,
  useLiveWidgets,
} from '../helpers/widget-call.js';
import { agentOf, eventually, joinConversation, leave } from './livekit-helpers.js';

/**
 * Conformance with what LiveKit Agents put on the wire (shared/design/livekit-agents-wire.md),
 * for one flavour of the framework, replayed by the emulator's scripted agent: every utterance
 * goes out as a text stream and as a deprecated packet under another segment id. The agent's
 * speech is one delta stream (Node: ended by an empty trailer; Python: by a final one), the
 * visitor's is whole-text interim streams and a final one. Checked at the element: each utterance
 * is one bubble, one `krosai-message`, one announcement, one stored message, and after the call
 * the server's transcript is what was shown.
 */
export function describeAgentWire(flavour: 'node' | 'python') {
  describe(`LiveKit Agents wire, ${flavour} flavour`, () => {
    const { mount } = useLiveWidgets();

    beforeEach(async () => {
      await selectAgent('scripted');
      await control('/control/livekit/agent-flavour', { flavour });
    });

    it('puts the framework’s shapes on the wire, as livekit-client receives them', async () => {
      const room = new Room();
      const wire = recordWire(room);
      try {
        await joinConversation(room);
        await agentOf(room);
        await eventually(() => wire.streams[0]?.ended !== undefined, 'the greeting’s stream ends');
        const [greeting] = wire.streams;
        expect(greeting!.header['lk.transcription_final']).to.equal('false');
        expect(greeting!.text).to.equal(GREETING);
        expect(greeting!.chunks, 'one chunk per word').to.equal(GREETING.split(' ').length);
        expect(greeting!.header['lk.transcribed_track_id']).to.match(/^TR_/);
        // The trailer's attributes, merged over the header's: only Python's says final.
        expect(greeting!.ended).to.deep.equal(
          flavour === 'python'
            ? { ...greeting!.header, 'lk.transcription_final': 'true' }
            : greeting!.header,
        );
        // The deprecated twin: the whole text so far per word, final at the end, its own id.
        await eventually(() => wire.packets.some((s) => s.final), 'the final packet twin');
        const twins = wire.packets.filter((s) => s.id === wire.packets[0]!.id);
        expect(twins.at(-1)).to.include({ text: GREETING, final: true });
        expect(twins[0]!.id).to.match(/^SG_/);
        expect(twins[0]!.id).to.not.equal(greeting!.header['lk.segment_id']);
        expect(wire.sessionEvents).to.include('AS_SPEAKING');
      } finally {
        await leave(room);
      }
    });

    it('shows, emits, announces and stores each utterance once, final, and the server agrees', async () => {
      const { el, calls } = await mount();
      const events = recordMessageEvents(el);
      await callAndConnect(el);
      await untilFinalMessage(el, GREETING);
      const room = roomOf(calls);
      const userSaid = 'I would like a table for two tonight.';
      const agentSaid = 'Of course. A table for two, tonight at eight.';
      await control('/control/livekit/transcript', { room, role: 'user', text: userSaid, flavour });
      await untilFinalMessage(el, userSaid);
      await control('/control/livekit/transcript', {
        room,
        role: 'assistant',
        text: agentSaid,
        flavour,
      });
      await untilFinalMessage(el, agentSaid);
      typeAndSend(el, 'Thanks!');
      await untilFinalMessage(el, replyTo('Thanks!'));

      const said = [GREETING, userSaid, agentSaid, 'Thanks!', replyTo('Thanks!')];
      expect(shownMessages(el)).to.deep.equal(
        said.map((text, index) => ({
          role: index === 1 || index === 3 ? 'user' : 'assistant',
          text,
          interim: false,
        })),
      );
      expect(events.messages.map((message) => message.text)).to.deep.equal(said);
      // Interim text went to the message its utterance became, never to a second one.
      expect(events.transcripts.length).to.be.greaterThan(0);
      for (const interim of events.transcripts) {
        const final = events.messages.find((message) => message.id === interim.id);
        expect(final?.text.startsWith(interim.text.trim()), interim.text).to.equal(true);
      }
      expect(announced(el)).to.deep.equal(said);
      const conversationId = calls.created[0]!;
      await waitUntil(
        async () => sameTexts(await storedTexts(conversationId), said),
        'each utterance stored once',
        { timeout: CALL_TIMEOUT },
      );

      micButton(el).click();
      await untilCallShows(el, 'ended');
      const server = await serverTranscript(conversationId);
      expect(server.map((message) => message.content)).to.deep.equal(said);
      const serverIds = JSON.stringify(server.map((message) => message.id));
      await waitUntil(
        () => JSON.stringify(shownIds(el)) === serverIds,
        'the messages on show never became the server transcript',
        { timeout: CALL_TIMEOUT },
      );
      await waitUntil(
        async () => sameTexts(await storedTexts(conversationId), said),
        'the stored history is the server transcript, each once',
        { timeout: CALL_TIMEOUT },
      );
      // Found by its kind, before it published any state; `listening` first, as the framework.
      expect(calls.agentStates.filter((state) => state !== 'unknown')[0]).to.equal('listening');
      expect(calls.agentStates).to.not.include('initializing');
      expect(calls.errors).to.deep.equal([]);
    });
  });
}

/** What livekit-client delivered of the framework's wire: streams, packets, session events. */
function recordWire(room: Room) {
  const streams: Array<{
    header: Record<string, string>;
    text: string;
    chunks: number;
    /** The attributes at the end (the trailer's merged in). */
    ended?: Record<string, string>;
  }> = [];
  const packets: TranscriptionSegment[] = [];
  const sessionEvents: string[] = [];
  room.registerTextStreamHandler('lk.transcription', async (reader) => {
    const header = { ...reader.info.attributes };
    const stream: (typeof streams)[number] = { header, text: '', chunks: 0 };
    streams.push(stream);
    for await (const chunk of reader) {
      stream.text += chunk;
      stream.chunks += 1;
    }
    stream.ended = { ...reader.info.attributes };
  });
  room.on(RoomEvent.TranscriptionReceived, (segments) => packets.push(...segments));
  room.registerByteStreamHandler('lk.agent.session', async (reader) => {
    const bytes = new Uint8Array((await reader.readAll()).flatMap((chunk) => [...chunk]));
    const message = AgentSession.AgentSessionMessage.fromBinary(bytes);
    if (
      message.message.case === 'event' &&
      message.message.value.event.case === 'agentStateChanged'
    ) {
      const state = message.message.value.event.value.newState;
      sessionEvents.push(AgentSession.AgentState[state]);
    }
  });
  return { streams, packets, sessionEvents };
}

/** Every `krosai-message` (final) and `krosai-transcript` (interim) the element dispatched. */
function recordMessageEvents(el: KrosaiConversation) {
  const messages: StoredMessage[] = [];
  const transcripts: StoredMessage[] = [];
  el.addEventListener('krosai-message', (event) => messages.push(event.message));
  el.addEventListener('krosai-transcript', (event) => transcripts.push(event.message));
  return { messages, transcripts };
}

/** The texts of the hidden live region, without the speaker's name. */
const announced = (el: KrosaiConversation) =>
  [...shadow(el).querySelectorAll('[role="log"] p')].map((p) =>
    (p.textContent ?? '').replace(/^[^:]*: /, ''),
  );

const shownIds = (el: KrosaiConversation) =>
  [...shadow(el).querySelectorAll('[part~="message"]')].map((node) =>
    node.getAttribute('data-message-id'),
  );

/** The texts IndexedDB holds for the conversation, oldest first (system prompts left out). */
async function storedTexts(conversationId: string): Promise<string[]> {
  const store = await openConversationStore();
  try {
    const { messages } = await store.messages(conversationId);
    return messages.filter((m) => m.role !== 'system').map((m) => m.text);
  } finally {
    store.close();
  }
}

const sameTexts = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
