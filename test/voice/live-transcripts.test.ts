import { expect } from '@open-wc/testing';
import type { TextStreamReader } from 'livekit-client';
import { LiveTranscripts } from '../../src/voice/live-transcripts.js';
import type { TranscriptUpdate } from '../../src/voice/voice-session.js';

/**
 * A text stream as livekit-client hands it over: `info` (attributes from the header, the trailer's
 * merged in when the stream ends) and the chunks as they arrive. The end-to-end tests cover the
 * real reader; this one covers the delta form of LiveKit Agents that the emulator does not send.
 */
function textStream(
  attributes: Record<string, string>,
  chunks: string[],
  trailer: Record<string, string> = {},
): TextStreamReader {
  const info = { id: 'stream', topic: 'lk.transcription', timestamp: 42, attributes, size: 0 };
  return {
    info,
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) yield chunk;
      info.attributes = { ...info.attributes, ...trailer };
    },
  } as unknown as TextStreamReader;
}

describe('LiveTranscripts', () => {
  const microphoneTrackSids = new Set(['TR_mic']);
  let updates: TranscriptUpdate[];
  let transcripts: LiveTranscripts;

  beforeEach(() => {
    updates = [];
    transcripts = new LiveTranscripts(
      { identity: () => 'visitor', microphoneTrackSids },
      (update) => updates.push(update),
    );
  });

  it('grows a delta stream chunk by chunk and freezes it with the trailer', async () => {
    const attributes = { 'lk.segment_id': 'S1', 'lk.transcribed_track_id': 'TR_agent' };
    await transcripts.readStream(
      textStream({ ...attributes, 'lk.transcription_final': 'false' }, ['Hel', 'lo'], {
        'lk.transcription_final': 'true',
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

  it('replaces whole-text interim streams and ignores anything after the final', async () => {
    const user = { 'lk.segment_id': 'S2', 'lk.transcribed_track_id': 'TR_mic' };
    const final = (value: boolean) => ({ ...user, 'lk.transcription_final': String(value) });
    await transcripts.readStream(textStream(final(false), ['I want']), 'agent');
    await transcripts.readStream(textStream(final(true), ['I want tea.']), 'agent');
    await transcripts.readStream(textStream(final(false), ['I want t']), 'agent');
    expect(updates.map(({ text, final, role }) => ({ text, final, role }))).to.deep.equal([
      { text: 'I want', final: false, role: 'user' },
      { text: 'I want tea.', final: true, role: 'user' },
    ]);
  });

  it('falls back to the sender identity when no track is named', async () => {
    await transcripts.readStream(textStream({ 'lk.segment_id': 'S3' }, ['mine']), 'visitor');
    await transcripts.readStream(textStream({ 'lk.segment_id': 'S4' }, ['theirs']), 'agent');
    expect(updates.filter((u) => u.text === 'mine')[0]?.role).to.equal('user');
    expect(updates.filter((u) => u.text === 'theirs')[0]?.role).to.equal('assistant');
  });
});
