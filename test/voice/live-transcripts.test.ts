import { expect } from '@open-wc/testing';
import type { TextStreamReader, TranscriptionSegment } from 'livekit-client';
import { LiveTranscripts } from '../../src/voice/live-transcripts.js';
import type { TranscriptUpdate } from '../../src/voice/voice-session.js';

/**
 * A text stream as livekit-client hands it over: `info` (attributes from the header, the trailer's
 * merged in when the stream ends) and the chunks. `pieces` interleaves chunks with callbacks, so a
 * test can deliver a deprecated packet between two chunks, as the frameworks do.
 */
function textStream(
  attributes: Record<string, string>,
  pieces: Array<string | (() => void)>,
  trailer: Record<string, string> = {},
): TextStreamReader {
  const info = { id: 'stream', topic: 'lk.transcription', timestamp: 42, attributes, size: 0 };
  return {
    info,
    async *[Symbol.asyncIterator]() {
      for (const piece of pieces) {
        if (typeof piece === 'string') yield piece;
        else piece();
      }
      info.attributes = { ...info.attributes, ...trailer };
    },
  } as unknown as TextStreamReader;
}

const AGENT_TRACK = 'TR_agent';
const MIC = 'TR_mic';

/** Header attributes: the frameworks always start a stream with final "false". */
const header = (segmentId: string, track?: string, final = false) => ({
  'lk.segment_id': segmentId,
  'lk.transcription_final': String(final),
  ...(track ? { 'lk.transcribed_track_id': track } : {}),
});

/** A deprecated `transcription` packet's segment. */
const segment = (id: string, text: string, final = false): TranscriptionSegment => ({
  id,
  text,
  final,
  language: '',
  startTime: 0,
  endTime: 0,
  firstReceivedTime: 7,
  lastReceivedTime: 7,
});

describe('LiveTranscripts', () => {
  const microphoneTrackSids = new Set([MIC]);
  let updates: TranscriptUpdate[];
  let transcripts: LiveTranscripts;
  const agentVoice = { trackSid: AGENT_TRACK } as never;
  const microphone = { trackSid: MIC } as never;
  const legacy = (track: never, id: string, text: string, final = false) =>
    transcripts.fromLegacyEvent([segment(id, text, final)], undefined, track);
  const shown = () => updates.map(({ segmentId, text, final }) => ({ segmentId, text, final }));
  const finals = () => updates.filter((update) => update.final);

  beforeEach(() => {
    updates = [];
    transcripts = new LiveTranscripts(
      { identity: () => 'visitor', microphoneTrackSids },
      (update) => updates.push(update),
    );
  });

  it('grows a Python delta stream chunk by chunk and freezes it with the final trailer', async () => {
    await transcripts.readStream(
      textStream(header('S1', AGENT_TRACK), ['Hel', 'lo'], {
        'lk.transcription_final': 'true',
        'lk.transcribed_track_id': AGENT_TRACK,
      }),
      'agent',
    );
    expect(updates.map(({ text, final, role }) => ({ text, final, role }))).to.deep.equal([
      { text: 'Hel', final: false, role: 'assistant' },
      { text: 'Hello', final: false, role: 'assistant' },
      { text: 'Hello', final: true, role: 'assistant' },
    ]);
    expect(updates[0]!.timestamp).to.equal(42);
  });

  it('finalises the agent’s Node delta stream at its end, though the trailer is empty', async () => {
    await transcripts.readStream(
      textStream(header('S1', AGENT_TRACK), ['Good ', 'morning.']),
      'agent',
    );
    expect(shown()).to.deep.equal([
      { segmentId: 'S1', text: 'Good ', final: false },
      { segmentId: 'S1', text: 'Good morning.', final: false },
      { segmentId: 'S1', text: 'Good morning.', final: true },
    ]);
  });

  it('replaces the visitor’s whole-text interim streams, whose end is not final', async () => {
    await transcripts.readStream(textStream(header('S2', MIC), ['I want']), 'agent');
    await transcripts.readStream(textStream(header('S2', MIC), ['I want tea']), 'agent');
    expect(finals()).to.deep.equal([]);
    await transcripts.readStream(textStream(header('S2', MIC, true), ['I want tea.']), 'agent');
    await transcripts.readStream(textStream(header('S2', MIC), ['I want t']), 'agent');
    expect(updates.map(({ text, final, role }) => ({ text, final, role }))).to.deep.equal([
      { text: 'I want', final: false, role: 'user' },
      { text: 'I want tea', final: false, role: 'user' },
      { text: 'I want tea.', final: true, role: 'user' },
    ]);
  });

  it('attributes text without a transcribed track by its sender (text-only output)', async () => {
    await transcripts.readStream(textStream({ 'lk.segment_id': 'S3' }, ['mine']), 'visitor');
    await transcripts.readStream(textStream({ 'lk.segment_id': 'S4' }, ['theirs']), 'agent');
    expect(updates.filter((u) => u.text === 'mine')[0]?.role).to.equal('user');
    expect(updates.filter((u) => u.text === 'theirs').map((u) => [u.role, u.final])).to.deep.equal([
      ['assistant', false],
      ['assistant', true],
    ]);
  });

  it('shows no empty bubble for a stream that ends without text', async () => {
    await transcripts.readStream(textStream(header('S5', AGENT_TRACK), []), 'agent');
    expect(updates).to.deep.equal([]);
  });

  it('takes the agent’s speech from the stream when its packet twin comes first (Node order)', async () => {
    // The framework's order: packet, then the stream's piece; the stream opens after the first packet.
    legacy(agentVoice, 'SG_packet', 'Hello');
    await transcripts.readStream(
      textStream(header('SG_stream', AGENT_TRACK), [
        'Hello',
        () => legacy(agentVoice, 'SG_packet', 'Hello there'),
        ' there',
        () => legacy(agentVoice, 'SG_packet', 'Hello there', true),
      ]),
      'agent',
    );
    expect(shown()).to.deep.equal([
      { segmentId: 'SG_packet', text: 'Hello', final: false },
      { segmentId: 'SG_packet', text: 'Hello there', final: false },
      { segmentId: 'SG_packet', text: 'Hello there', final: true },
    ]);
  });

  it('takes over a packet twin that arrives between the stream’s header and its first text', async () => {
    // Seen with the real Node framework: the header can overtake the first packet.
    await transcripts.readStream(
      textStream(header('SG_stream', AGENT_TRACK), [
        () => legacy(agentVoice, 'SG_packet', 'You'),
        'You',
        ' said.',
        () => legacy(agentVoice, 'SG_packet', 'You said.', true),
      ]),
      'agent',
    );
    expect(shown()).to.deep.equal([
      { segmentId: 'SG_packet', text: 'You', final: false },
      { segmentId: 'SG_packet', text: 'You said.', final: false },
      { segmentId: 'SG_packet', text: 'You said.', final: true },
    ]);
  });

  it('ignores packet twins that arrive after their stream began (Python, final trailer)', async () => {
    await transcripts.readStream(
      textStream(
        header('SG_stream', AGENT_TRACK),
        [
          'Sure',
          () => legacy(agentVoice, 'SG_packet', 'Sure'),
          ', one moment.',
          () => legacy(agentVoice, 'SG_packet', 'Sure, one moment.', true),
        ],
        { 'lk.transcription_final': 'true', 'lk.transcribed_track_id': AGENT_TRACK },
      ),
      'agent',
    );
    // Every later utterance's packets are dropped too: this agent streams.
    legacy(agentVoice, 'SG_later', 'Anything else?', true);
    expect(shown()).to.deep.equal([
      { segmentId: 'SG_stream', text: 'Sure', final: false },
      { segmentId: 'SG_stream', text: 'Sure, one moment.', final: false },
      { segmentId: 'SG_stream', text: 'Sure, one moment.', final: true },
    ]);
  });

  it('keeps the visitor’s speech one segment across interim streams and their packet twins', async () => {
    legacy(microphone, 'SG_packet', 'Book a');
    await transcripts.readStream(textStream(header('SG_user', MIC), ['Book a']), 'agent');
    legacy(microphone, 'SG_packet', 'Book a table');
    await transcripts.readStream(textStream(header('SG_user', MIC), ['Book a table']), 'agent');
    legacy(microphone, 'SG_packet', 'Book a table.', true);
    await transcripts.readStream(textStream(header('SG_user', MIC, true), ['Book a table.']), 'a');
    expect(
      updates.map(({ segmentId, text, final, role }) => [segmentId, text, final, role]),
    ).to.deep.equal([
      ['SG_packet', 'Book a', false, 'user'],
      ['SG_packet', 'Book a table', false, 'user'],
      ['SG_packet', 'Book a table.', true, 'user'],
    ]);
  });

  it('absorbs a stream whose packet twin was final already, without a second final', async () => {
    legacy(agentVoice, 'SG_packet', 'Hi.');
    legacy(agentVoice, 'SG_packet', 'Hi.', true);
    await transcripts.readStream(textStream(header('SG_stream', AGENT_TRACK), ['Hi.']), 'agent');
    expect(finals().map(({ segmentId, text }) => [segmentId, text])).to.deep.equal([
      ['SG_packet', 'Hi.'],
    ]);
  });

  it('lets a packet segment no stream took over finish by its own packets', async () => {
    legacy(agentVoice, 'SG_old', 'Welcome back');
    await transcripts.readStream(textStream(header('SG_new', MIC, true), ['Hello?']), 'agent');
    legacy(agentVoice, 'SG_old', 'Welcome back!', true);
    expect(finals().map(({ segmentId, text, role }) => [segmentId, text, role])).to.deep.equal([
      ['SG_new', 'Hello?', 'user'],
      ['SG_old', 'Welcome back!', 'assistant'],
    ]);
  });

  it('hears an agent that sends no streams through its packets alone', () => {
    legacy(agentVoice, 'L1', 'Old');
    legacy(agentVoice, 'L1', 'Old school.', true);
    legacy(microphone, 'L2', 'Indeed.', true);
    expect(
      updates.map(({ segmentId, text, final, role }) => [segmentId, text, final, role]),
    ).to.deep.equal([
      ['L1', 'Old', false, 'assistant'],
      ['L1', 'Old school.', true, 'assistant'],
      ['L2', 'Indeed.', true, 'user'],
    ]);
  });

  describe('typed text said back as the visitor’s transcript (an echo)', () => {
    const noTrack = { trackSid: '' } as never;

    it('drops the echo of a typed text in text mode, stream and packet twin, by either sender', async () => {
      transcripts.expectEcho('Table for two?');
      transcripts.expectEcho('And a window seat');
      // The framework's user-transcript shape: whole text, final in the header, no track (no mic).
      legacy(noTrack, 'SG_packet', 'Table for two?', true);
      const echo = { 'lk.segment_id': 'SG_echo', 'lk.transcription_final': 'true' };
      await transcripts.readStream(textStream(echo, ['Table for two?']), 'agent');
      await transcripts.readStream(
        textStream({ ...echo, 'lk.segment_id': 'SG_echo2' }, ['And a window  seat']),
        'visitor',
      );
      // The agent's reply, a delta stream of its own track, is shown as ever.
      await transcripts.readStream(
        textStream(header('SG_reply', AGENT_TRACK), ['Table for two?', ' Yes.']),
        'agent',
      );
      expect(finals().map(({ text, role }) => [text, role])).to.deep.equal([
        ['Table for two? Yes.', 'assistant'],
      ]);
    });

    it('drops an echo tied to the microphone in voice, and each typed text once only', async () => {
      transcripts.expectEcho('Hello');
      await transcripts.readStream(textStream(header('SG_1', MIC, true), ['Hello']), 'agent');
      // The visitor then says the same words: speech grows interim by interim, and is shown.
      await transcripts.readStream(textStream(header('SG_2', MIC), ['Hel']), 'agent');
      await transcripts.readStream(textStream(header('SG_2', MIC, true), ['Hello']), 'agent');
      // And a final-only transcript of the same words, once the echo was used up, is shown too.
      await transcripts.readStream(textStream(header('SG_3', MIC, true), ['Hello']), 'agent');
      expect(finals().map(({ segmentId, text }) => [segmentId, text])).to.deep.equal([
        ['SG_2', 'Hello'],
        ['SG_3', 'Hello'],
      ]);
    });

    it('shows text that was never typed, and text of the agent’s own track', async () => {
      transcripts.expectEcho('Hi');
      await transcripts.readStream(textStream(header('SG_a', AGENT_TRACK, true), ['Hi']), 'agent');
      await transcripts.readStream(textStream(header('SG_b', undefined, true), ['Bye']), 'agent');
      expect(finals().map(({ text }) => text)).to.deep.equal(['Hi', 'Bye']);
    });
  });
});
