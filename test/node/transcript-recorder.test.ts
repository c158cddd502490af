// What the emulator records of a call, from what the agents send: each utterance once, whichever
// of its two copies (a deprecated packet, a text stream) arrives first and however it ends.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DataPacket, ParticipantInfo_Kind, TrackType } from '@livekit/protocol';
import {
  type AgentFlavour,
  AgentSpeechTranscript,
  agentStateEventPackets,
  UserSpeechTranscript,
} from '../../emulator/agent/framework-wire.js';
import {
  DataSender,
  OutgoingTextStream,
  textStreamPackets,
  transcriptionPacket,
} from '../../emulator/livekit/data-packets.js';
import type { ParticipantSession } from '../../emulator/livekit/participant-session.js';
import {
  type RecordedRoom,
  type Speaker,
  TranscriptRecorder,
} from '../../emulator/livekit/transcript-recorder.js';

const AGENT_TRACK = 'TR_agent';
const MIC = 'TR_mic';
const agentVoice = { identity: 'agent', trackSid: AGENT_TRACK };
const microphone = { identity: 'visitor', trackSid: MIC };

/** A session as the recorder reads it: identity, kind and published tracks. */
function session(identity: string, kind: ParticipantInfo_Kind, trackSid?: string) {
  const tracks = trackSid ? [{ sid: trackSid, type: TrackType.AUDIO }] : [];
  return { identity, info: { kind }, tracks } as unknown as ParticipantSession;
}

/** A recorder in a room with a visitor; `inProcessAgent` has the agent's track on the room. */
function recording(inProcessAgent = true) {
  const messages: Array<[Speaker, string]> = [];
  const visitor = session('visitor', ParticipantInfo_Kind.STANDARD, MIC);
  const sessions = new Map([['visitor', visitor]]);
  const room = {
    agent: inProcessAgent ? { track: { trackSid: AGENT_TRACK } } : undefined,
    sessions,
  } as unknown as RecordedRoom;
  const recorder = new TranscriptRecorder(room, (role, text) => messages.push([role, text]));
  return { recorder, messages, sessions, visitor };
}

/** Collects what the agent sends, to replay it in any order. */
function agentWire() {
  const sender = new DataSender('agent', 'PA_agent');
  const sent: DataPacket[] = [];
  return { sender, sent, send: (packet: DataPacket) => sent.push(packet) };
}

function agentSpeech(flavour: AgentFlavour, words: string[]) {
  const wire = agentWire();
  const speech = new AgentSpeechTranscript(flavour, wire.sender, wire.send, agentVoice);
  for (const word of words) speech.write(word);
  speech.end();
  return wire.sent;
}

function userSpeech(updates: Array<[string, boolean]>) {
  const wire = agentWire();
  const speech = new UserSpeechTranscript(wire.sender, wire.send, microphone);
  for (const [text, final] of updates) speech.publish(text, final);
  return wire.sent;
}

const isPacket = (packet: DataPacket) => packet.value.case === 'transcription';

describe('TranscriptRecorder', () => {
  for (const flavour of ['node', 'python'] as const) {
    test(`records the agent's ${flavour} speech once, from its delta stream and packet twins`, () => {
      const { recorder, messages } = recording();
      for (const packet of agentSpeech(flavour, ['Hello ', 'there, ', 'friend.'])) {
        recorder.fromAgent('agent', packet);
      }
      assert.deepEqual(messages, [['assistant', 'Hello there, friend.']]);
    });

    test(`records the ${flavour} speech once when the stream overtakes its packets`, () => {
      const { recorder, messages } = recording();
      const sent = agentSpeech(flavour, ['Sure, ', 'one ', 'moment.']);
      const streamFirst = [...sent.filter((p) => !isPacket(p)), ...sent.filter(isPacket)];
      for (const packet of streamFirst) recorder.fromAgent('agent', packet);
      assert.deepEqual(messages, [['assistant', 'Sure, one moment.']]);
    });
  }

  test('records the speech once when the stream’s header overtakes the first packet', () => {
    const { recorder, messages } = recording();
    const [packet, header, ...rest] = agentSpeech('node', ['You', ' said.']);
    assert.equal(packet!.value.case, 'transcription');
    assert.equal(header!.value.case, 'streamHeader');
    for (const each of [header!, packet!, ...rest]) recorder.fromAgent('agent', each);
    assert.deepEqual(messages, [['assistant', 'You said.']]);
  });

  test('closes Node’s delta stream at its empty trailer, Python’s at its final trailer', () => {
    const { recorder, messages } = recording();
    const node = agentSpeech('node', ['One.']).filter((p) => !isPacket(p));
    const python = agentSpeech('python', ['Two.']).filter((p) => !isPacket(p));
    const trailerOf = (packets: DataPacket[]) => {
      const { value } = packets.at(-1)!;
      assert.equal(value.case, 'streamTrailer');
      return value.case === 'streamTrailer' ? value.value.attributes : undefined;
    };
    assert.deepEqual(trailerOf(node), {});
    assert.deepEqual(trailerOf(python), {
      'lk.transcription_final': 'true',
      'lk.transcribed_track_id': AGENT_TRACK,
    });
    for (const packet of [...node.slice(0, -1), ...python.slice(0, -1)]) {
      recorder.fromAgent('agent', packet);
    }
    assert.deepEqual(messages, [], 'nothing is final before the trailers');
    recorder.fromAgent('agent', node.at(-1)!);
    recorder.fromAgent('agent', python.at(-1)!);
    assert.deepEqual(messages, [
      ['assistant', 'One.'],
      ['assistant', 'Two.'],
    ]);
  });

  test('records the visitor’s speech once: its final stream, not the interims or the twins', () => {
    const { recorder, messages } = recording();
    const sent = userSpeech([
      ['Book a', false],
      ['Book a table', false],
      ['Book a table for two.', true],
    ]);
    for (const packet of sent.slice(0, -4)) recorder.fromAgent('agent', packet);
    assert.deepEqual(messages, [], 'interim streams end without being final');
    for (const packet of sent.slice(-4)) recorder.fromAgent('agent', packet);
    assert.deepEqual(messages, [['user', 'Book a table for two.']]);
  });

  test('records a packet twin that was final before its stream began only once', () => {
    const { recorder, messages } = recording();
    const { sender } = agentWire();
    const twin = { ...agentVoice, segmentId: 'SG_packet', text: 'Hi.' };
    recorder.fromAgent('agent', transcriptionPacket(sender, { ...twin, final: true }));
    const stream = new OutgoingTextStream(sender, 'lk.transcription', {
      'lk.segment_id': 'SG_stream',
      'lk.transcription_final': 'false',
      'lk.transcribed_track_id': AGENT_TRACK,
    });
    for (const packet of [stream.header(), stream.chunk(Buffer.from('Hi.')), stream.trailer()]) {
      recorder.fromAgent('agent', packet);
    }
    assert.deepEqual(messages, [['assistant', 'Hi.']]);
  });

  test('hears an agent that sends no streams by its final packets', () => {
    const { recorder, messages } = recording();
    const { sender } = agentWire();
    const packet = (text: string, final: boolean, track = agentVoice, segmentId = 'L1') =>
      transcriptionPacket(sender, { ...track, segmentId, text, final });
    recorder.fromAgent('agent', packet('Old', false));
    recorder.fromAgent('agent', packet('Old school.', true));
    recorder.fromAgent('agent', packet('Indeed.', true, microphone, 'L2'));
    assert.deepEqual(messages, [
      ['assistant', 'Old school.'],
      ['user', 'Indeed.'],
    ]);
  });

  test('takes text without a transcribed track as the agent’s (text-only output)', () => {
    const { recorder, messages } = recording();
    const { sender } = agentWire();
    for (const packet of textStreamPackets(sender, 'lk.transcription', 'Typed reply.', {
      'lk.segment_id': 'SG_text',
      'lk.transcription_final': 'false',
    })) {
      recorder.fromAgent('agent', packet);
    }
    assert.deepEqual(messages, [['assistant', 'Typed reply.']]);
  });

  test('records a WebSocket agent’s transcripts and a visitor’s typed text, nothing else', () => {
    const { recorder, messages, sessions, visitor } = recording(false);
    const agent = session('agent', ParticipantInfo_Kind.AGENT, AGENT_TRACK);
    sessions.set('agent', agent);
    const typed = (text: string) =>
      textStreamPackets(new DataSender('visitor', 'PA_visitor'), 'lk.chat', text, {});
    for (const packet of typed('What are your hours?')) recorder.fromParticipant(visitor, packet);
    for (const packet of typed('   ')) recorder.fromParticipant(visitor, packet);
    const { sender } = agentWire();
    const change = { from: 'listening', to: 'speaking' };
    for (const packet of agentStateEventPackets(sender, change, 'visitor')) {
      recorder.fromParticipant(agent, packet);
    }
    for (const packet of agentSpeech('python', ['Nine ', 'to ', 'five.'])) {
      recorder.fromParticipant(agent, packet);
    }
    // A visitor's own lk.transcription is not an agent's transcript.
    for (const packet of textStreamPackets(sender, 'lk.transcription', 'spoofed', {})) {
      recorder.fromParticipant(visitor, packet);
    }
    assert.deepEqual(messages, [
      ['user', 'What are your hours?'],
      ['assistant', 'Nine to five.'],
    ]);
  });
});
