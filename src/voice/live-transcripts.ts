import type {
  Participant,
  TextStreamReader,
  TrackPublication,
  TranscriptionSegment,
} from './livekit-voice-session.js';
import { TranscriptSegments } from './transcript-segments.js';
import type { TranscriptUpdate } from './voice-session.js';

/** LiveKit Agents transcript conventions (see shared/design/krosai-api.md). */
export const TRANSCRIPTION_TOPIC = 'lk.transcription';
const SEGMENT_ID = 'lk.segment_id';
const TRANSCRIPTION_FINAL = 'lk.transcription_final';
const TRANSCRIBED_TRACK_ID = 'lk.transcribed_track_id';

/** What the transcripts need to know about this side of the call. */
export interface LocalSide {
  /** Our participant identity in the room. */
  identity(): string;
  /** Every sid our microphone has had in this call (a full rejoin publishes it anew). */
  readonly microphoneTrackSids: ReadonlySet<string>;
}

/**
 * Turns a call's `lk.transcription` text streams and the deprecated TranscriptionReceived event
 * into TranscriptUpdates: one message per segment id, interim replaced, final frozen.
 */
export class LiveTranscripts {
  private readonly segments = new TranscriptSegments();

  constructor(
    private readonly local: LocalSide,
    private readonly publish: (update: TranscriptUpdate) => void,
  ) {}

  /** Reads one text stream to its end, publishing the text as it grows. */
  async readStream(reader: TextStreamReader, senderIdentity: string): Promise<void> {
    const attributes = reader.info.attributes ?? {};
    const segmentId = attributes[SEGMENT_ID] ?? reader.info.id;
    const role = this.speakerOf(attributes[TRANSCRIBED_TRACK_ID], senderIdentity);
    const timestamp = reader.info.timestamp || Date.now();
    // Agents send either whole texts (one stream per interim update) or deltas in one stream
    // whose trailer says final: accumulating within a stream handles both.
    // A stream that is final from its header is published once, whole, at its end.
    const finalFromStart = attributes[TRANSCRIPTION_FINAL] === 'true';
    let text = '';
    for await (const chunk of reader) {
      text += chunk;
      if (!finalFromStart) this.record(segmentId, role, text, false, timestamp);
    }
    // The trailer's attributes are merged in by now.
    const final = reader.info.attributes?.[TRANSCRIPTION_FINAL] === 'true';
    this.record(segmentId, role, text, final, timestamp);
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
      this.record(segment.id, role, segment.text, segment.final, timestamp);
    }
  }

  /**
   * The visitor spoke when the transcribed track is our microphone. The sender's identity is only
   * a fallback: an agent forwards the visitor's own transcript under its identity.
   */
  private speakerOf(trackId: string | undefined, identity: string | undefined) {
    if (trackId) return this.local.microphoneTrackSids.has(trackId) ? 'user' : 'assistant';
    return identity === this.local.identity() ? 'user' : 'assistant';
  }

  private record(
    segmentId: string,
    role: TranscriptUpdate['role'],
    text: string,
    final: boolean,
    timestamp: number,
  ): void {
    const update = this.segments.update(segmentId, role, text, final, timestamp);
    if (update) this.publish(update);
  }
}
