import { type DataPacket, ParticipantInfo_Kind, type Transcription } from '@livekit/protocol';
import {
  CHAT_TOPIC,
  SEGMENT_ID_ATTRIBUTE,
  TRANSCRIBED_TRACK_ATTRIBUTE,
  TRANSCRIPTION_FINAL_ATTRIBUTE,
  TRANSCRIPTION_TOPIC,
} from '../../src/voice/agent-protocol.js';
import { type TranscriptPiece, TranscriptTwins } from '../../src/voice/transcript-twins.js';
import { IncomingTextStreams } from './data-packets.js';
import type { ParticipantSession } from './participant-session.js';

export type Speaker = 'user' | 'assistant';

/** Where recorded utterances go: the conversation's messages. */
export type TranscriptSink = (role: Speaker, text: string) => void;

/** What the recorder reads of its room: who is an agent, and whose tracks are whose. */
export interface RecordedRoom {
  /** The in-process agent, if any: its track is the agent speaking. */
  readonly agent: { readonly track: { readonly trackSid: string } } | undefined;
  readonly sessions: ReadonlyMap<string, ParticipantSession>;
}

/**
 * What KrosAI records of a call, from what crosses the room: every final transcript an agent
 * participant publishes (the visitor's speech and its own), each utterance once, and the texts
 * the visitor types (`lk.chat`). Whoever the agent is: the emulator's in-process agent, or a
 * WebSocket participant of kind AGENT (a real LiveKit Agents worker).
 *
 * The agents publish each transcript twice (a deprecated packet and a text stream, under
 * different ids): TranscriptTwins, the rule the widget follows too, makes them one. A stream is
 * final as the widget reads it: when its header or trailer says so, or, for the agent's own
 * speech (one delta stream per utterance, which Node closes with an empty trailer), at its end.
 */
export class TranscriptRecorder {
  private readonly twins = new TranscriptTwins();
  private readonly streams = new IncomingTextStreams();
  /** Segments (as TranscriptTwins names them) recorded already. */
  private readonly recorded = new Set<string>();

  constructor(
    private readonly room: RecordedRoom,
    private readonly sink: TranscriptSink,
  ) {}

  /** A packet a participant sent to the room. */
  fromParticipant(from: ParticipantSession, packet: DataPacket): void {
    if (from.info.kind === ParticipantInfo_Kind.AGENT) this.fromAgent(from.identity, packet);
    else this.fromVisitor(packet);
  }

  /** A packet an agent sent. */
  fromAgent(sender: string, packet: DataPacket): void {
    if (packet.value.case === 'transcription') {
      this.fromTranscriptionPacket(sender, packet.value.value);
      return;
    }
    const event = this.streams.accept(packet);
    if (!event || event.stream.topic !== TRANSCRIPTION_TOPIC) return;
    const { attributes, text, streamId } = event.stream;
    const saysFinal = attributes[TRANSCRIPTION_FINAL_ATTRIBUTE] === 'true';
    // A stream final from its header counts once, whole, at its end (as in the widget).
    if (event.type === 'text' && saysFinal) return;
    const role = this.speakerOf(attributes[TRANSCRIBED_TRACK_ATTRIBUTE]);
    const segmentId = attributes[SEGMENT_ID_ATTRIBUTE] ?? streamId;
    const piece: TranscriptPiece = { source: 'stream', sender, segmentId, role, text };
    this.take(piece, event.type === 'end' && (saysFinal || role === 'assistant'));
  }

  private fromVisitor(packet: DataPacket): void {
    const event = this.streams.accept(packet);
    if (event?.type !== 'end' || event.stream.topic !== CHAT_TOPIC) return;
    if (event.stream.text.trim()) this.sink('user', event.stream.text);
  }

  private fromTranscriptionPacket(sender: string, transcription: Transcription): void {
    const role = this.speakerOf(transcription.trackId);
    for (const segment of transcription.segments) {
      const piece: TranscriptPiece = {
        source: 'packet',
        sender,
        segmentId: segment.id,
        role,
        text: segment.text,
      };
      this.take(piece, segment.final);
    }
  }

  /** Records a final piece once per segment. Every piece passes the twins, so they can pair. */
  private take(piece: TranscriptPiece, final: boolean): void {
    if (!piece.text.trim()) return;
    const segmentId = this.twins.segmentFor(piece);
    if (segmentId === undefined || !final || this.recorded.has(segmentId)) return;
    this.recorded.add(segmentId);
    this.sink(piece.role, piece.text);
  }

  /**
   * The agent's own track (or none: text-only output) is the agent speaking; any other track is
   * a visitor's, even one a full rejoin has since replaced.
   */
  private speakerOf(trackSid: string | undefined): Speaker {
    if (!trackSid || this.room.agent?.track.trackSid === trackSid) return 'assistant';
    for (const session of this.room.sessions.values()) {
      if (session.info.kind !== ParticipantInfo_Kind.AGENT) continue;
      if (session.tracks.some((track) => track.sid === trackSid)) return 'assistant';
    }
    return 'user';
  }
}
