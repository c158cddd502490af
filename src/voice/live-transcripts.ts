import type {
  Participant,
  TextStreamReader,
  TrackPublication,
  TranscriptionSegment,
} from 'livekit-client';
import {
  SEGMENT_ID_ATTRIBUTE,
  TRANSCRIBED_TRACK_ATTRIBUTE,
  TRANSCRIPTION_FINAL_ATTRIBUTE,
} from './agent-protocol.js';
import { TranscriptSegments } from './transcript-segments.js';
import { type TranscriptPiece, TranscriptTwins } from './transcript-twins.js';
import { TypedEchoes } from './typed-echoes.js';
import type { TranscriptUpdate } from './voice-session.js';

/** What the transcripts need to know about this side of the call. */
export interface LocalSide {
  /** Our participant identity in the room. */
  identity(): string;
  /** Every sid our microphone has had in this call (a full rejoin publishes it anew). */
  readonly microphoneTrackSids: ReadonlySet<string>;
}

/**
 * Turns a call's `lk.transcription` text streams and the deprecated TranscriptionReceived event
 * into TranscriptUpdates: one message per utterance, interim replaced, final frozen. The agent
 * frameworks send each utterance both ways; TranscriptTwins keeps it one segment.
 */
export class LiveTranscripts {
  private readonly segments = new TranscriptSegments();
  private readonly twins = new TranscriptTwins();
  private readonly echoes = new TypedEchoes();

  constructor(
    private readonly local: LocalSide,
    private readonly publish: (update: TranscriptUpdate) => void,
  ) {}

  /** The visitor typed `text`: a transcript that only says it back is not shown again. */
  expectEcho(text: string): void {
    this.echoes.expect(text);
  }

  /**
   * Reads one text stream to its end, publishing the text as it grows. Two shapes arrive:
   * - the agent's speech: one stream per utterance whose chunks are deltas. Python says final in
   *   the trailer; Node cannot (its trailer is empty), so for the agent the end is the final;
   * - the visitor's speech: one stream per interim, each the whole text so far, with
   *   `lk.transcription_final` in the header; those replace each other, and only the one that
   *   says final ends the utterance.
   * Accumulating the chunks of one stream reads both.
   */
  async readStream(reader: TextStreamReader, senderIdentity: string): Promise<void> {
    const header = reader.info.attributes ?? {};
    const segmentId = header[SEGMENT_ID_ATTRIBUTE] ?? reader.info.id;
    const trackId = header[TRANSCRIBED_TRACK_ATTRIBUTE];
    const role = this.speakerOf(trackId, senderIdentity);
    const timestamp = reader.info.timestamp || Date.now();
    const piece = (text: string): TranscriptPiece => ({
      source: 'stream',
      sender: senderIdentity,
      segmentId,
      role,
      text,
    });
    // A stream that is final from its header is published once, whole, at its end.
    const finalFromStart = header[TRANSCRIPTION_FINAL_ATTRIBUTE] === 'true';
    let text = '';
    for await (const chunk of reader) {
      text += chunk;
      if (!finalFromStart) this.record(piece(text), false, timestamp, trackId);
    }
    // The trailer's attributes are merged in by now.
    const saysFinal = reader.info.attributes?.[TRANSCRIPTION_FINAL_ATTRIBUTE] === 'true';
    this.record(piece(text), saysFinal || role === 'assistant', timestamp, trackId);
  }

  /** The deprecated event: the segments of one track, each carrying its own final flag. */
  fromLegacyEvent(
    segments: TranscriptionSegment[],
    participant: Participant | undefined,
    publication: TrackPublication | undefined,
  ): void {
    const role = this.speakerOf(publication?.trackSid, participant?.identity);
    for (const segment of segments) {
      const timestamp = segment.firstReceivedTime || Date.now();
      // livekit-client does not say who sent the packet: any stream counts as its twin's sender.
      const piece: TranscriptPiece = {
        source: 'packet',
        sender: undefined,
        segmentId: segment.id,
        role,
        text: segment.text,
      };
      this.record(piece, segment.final, timestamp, publication?.trackSid);
    }
  }

  /**
   * The visitor spoke when the transcribed track is our microphone. The sender's identity is only
   * a fallback (text-only output names no track): an agent forwards the visitor's own transcript
   * under its identity.
   */
  private speakerOf(trackId: string | undefined, identity: string | undefined) {
    if (trackId) return this.local.microphoneTrackSids.has(trackId) ? 'user' : 'assistant';
    return identity === this.local.identity() ? 'user' : 'assistant';
  }

  private record(
    piece: TranscriptPiece,
    final: boolean,
    timestamp: number,
    trackId: string | undefined,
  ): void {
    // Nothing to show yet (a stream ended before any text): no empty bubble.
    if (!piece.text.trim()) return;
    const ofAgentTrack = Boolean(trackId) && !this.local.microphoneTrackSids.has(trackId!);
    if (this.echoes.isEcho(piece, final, ofAgentTrack)) return;
    const segmentId = this.twins.segmentFor(piece);
    if (segmentId === undefined) return;
    const update = this.segments.update(segmentId, piece.role, piece.text, final, timestamp);
    if (update) this.publish(update);
  }
}
