import type { TranscriptUpdate } from './voice-session.js';

interface Segment {
  role: TranscriptUpdate['role'];
  text: string;
  timestamp: number;
  final: boolean;
}

/**
 * Turns transcript pieces into one message per segment id: a later interim update replaces the
 * text, a final update freezes it. Which segment a piece belongs to (a stream or its deprecated
 * twin) is TranscriptTwins' call.
 */
export class TranscriptSegments {
  private readonly segments = new Map<string, Segment>();

  /**
   * Records the latest full text of a segment. Returns the update to publish, or undefined when
   * nothing changed or the segment is already final.
   */
  update(
    segmentId: string,
    role: TranscriptUpdate['role'],
    text: string,
    final: boolean,
    timestamp: number = Date.now(),
  ): TranscriptUpdate | undefined {
    const known = this.segments.get(segmentId);
    if (known?.final) return undefined;
    if (known && known.text === text && !final) return undefined;
    // The first sighting dates the segment; its speaker never changes afterwards.
    const segment: Segment = {
      role: known?.role ?? role,
      text,
      timestamp: known?.timestamp ?? timestamp,
      final,
    };
    this.segments.set(segmentId, segment);
    return { segmentId, ...segment };
  }

  /** Every segment so far, in the order they started. */
  all(): TranscriptUpdate[] {
    return [...this.segments].map(([segmentId, segment]) => ({ segmentId, ...segment }));
  }
}
