import { expect } from '@open-wc/testing';
import { toAgentState } from '../../src/voice/agent-state.js';
import { classifyMicError } from '../../src/voice/mic-errors.js';
import { roomUrlCandidates } from '../../src/voice/room-url.js';
import { TranscriptSegments } from '../../src/voice/transcript-segments.js';

describe('voice helpers', () => {
  describe('TranscriptSegments', () => {
    it('replaces interim text of a segment and freezes it when final', () => {
      const segments = new TranscriptSegments();
      expect(segments.update('s1', 'user', 'Hel', false, 10)).to.deep.equal({
        segmentId: 's1',
        role: 'user',
        text: 'Hel',
        final: false,
        timestamp: 10,
      });
      expect(segments.update('s1', 'user', 'Hello there', false, 20)?.text).to.equal('Hello there');
      const final = segments.update('s1', 'user', 'Hello there.', true, 30);
      expect(final).to.include({ text: 'Hello there.', final: true, timestamp: 10 });
      expect(segments.update('s1', 'user', 'late interim', false, 40)).to.equal(undefined);
      expect(segments.all()).to.have.length(1);
    });

    it('keeps separate messages per segment id, in start order, and skips repeats', () => {
      const segments = new TranscriptSegments();
      segments.update('a', 'assistant', 'Hi', false, 1);
      expect(segments.update('a', 'assistant', 'Hi', false, 2)).to.equal(undefined);
      segments.update('b', 'user', 'Yo', true, 3);
      expect(segments.all().map((update) => update.segmentId)).to.deep.equal(['a', 'b']);
      // The speaker seen first wins: a second source cannot flip who said it.
      expect(segments.update('a', 'user', 'Hi!', true)?.role).to.equal('assistant');
    });
  });

  describe('classifyMicError', () => {
    const cases: Array<[string, string]> = [
      ['NotAllowedError', 'mic-denied'],
      ['SecurityError', 'mic-denied'],
      ['NotFoundError', 'mic-missing'],
      ['OverconstrainedError', 'mic-missing'],
      ['NotReadableError', 'mic-busy'],
      ['TrackStartError', 'mic-busy'],
      ['TypeError', 'unknown'],
    ];
    for (const [name, reason] of cases) {
      it(`maps ${name} to ${reason}`, () => {
        const error = classifyMicError(new DOMException('no', name));
        expect(error.reason).to.equal(reason);
        expect(error.cause).to.be.instanceOf(DOMException);
      });
    }
  });

  describe('roomUrlCandidates', () => {
    it('uses a bare server URL as is', () => {
      expect(roomUrlCandidates('wss://agent.example.com')).to.deep.equal([
        'wss://agent.example.com',
      ]);
      expect(roomUrlCandidates('ws://127.0.0.1:7880/')).to.deep.equal(['ws://127.0.0.1:7880/']);
    });

    it('falls back to the origin when the URL carries a path', () => {
      expect(roomUrlCandidates('wss://agent.example.com/room/conv_1')).to.deep.equal([
        'wss://agent.example.com/room/conv_1',
        'wss://agent.example.com',
      ]);
    });

    it('passes an unparsable URL through for livekit-client to reject', () => {
      expect(roomUrlCandidates('not a url')).to.deep.equal(['not a url']);
    });
  });

  describe('toAgentState', () => {
    it('maps LiveKit Agents states and treats anything else as unknown', () => {
      expect(toAgentState('speaking')).to.equal('speaking');
      expect(toAgentState('initializing')).to.equal('initializing');
      expect(toAgentState('pondering')).to.equal('unknown');
      expect(toAgentState(undefined)).to.equal('unknown');
    });
  });
});
