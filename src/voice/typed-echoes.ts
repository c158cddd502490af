import type { TranscriptPiece } from './transcript-twins.js';

/** How many typed texts may still be said back; older ones are taken as never echoed. */
const AWAITED_LIMIT = 8;

/**
 * Typed text the visitor sent on `lk.chat`, which an agent might say back as the visitor's own
 * transcript. The conversation shows and stores each typed message itself, so a transcript that
 * only repeats one is dropped: one bubble per typed text, whatever the agent does.
 *
 * Neither framework echoes today (@livekit/agents 1.9 for Node and the Python framework publish
 * the visitor's transcript from speech-to-text only; typed text goes to `generateReply`), but a
 * KrosAI agent may forward it. An echo is recognised as what such a forward looks like: a segment
 * that is final at its first sight (not grown interim by interim as speech is), not tied to the
 * agent's own audio track, whose text is a typed text not echoed yet. The stream and its
 * deprecated packet twin each count once. Deterministic: it depends only on arrival order.
 */
export class TypedEchoes {
  private readonly awaited: Record<TranscriptPiece['source'], string[]> = {
    stream: [],
    packet: [],
  };
  private readonly seen = new Set<string>();
  private readonly dropped = new Set<string>();

  expect(text: string): void {
    for (const queue of Object.values(this.awaited)) {
      queue.push(normalise(text));
      if (queue.length > AWAITED_LIMIT) queue.shift();
    }
  }

  /** Whether this piece only repeats a typed text (then its whole segment is dropped). */
  isEcho(piece: TranscriptPiece, final: boolean, ofAgentTrack: boolean): boolean {
    const key = `${piece.source}:${piece.segmentId}`;
    if (this.dropped.has(key)) return true;
    const firstSight = !this.seen.has(key);
    this.seen.add(key);
    if (!firstSight || !final || ofAgentTrack) return false;
    const queue = this.awaited[piece.source];
    const index = queue.indexOf(normalise(piece.text));
    if (index < 0) return false;
    queue.splice(index, 1);
    this.dropped.add(key);
    return true;
  }
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
