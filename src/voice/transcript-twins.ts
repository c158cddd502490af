/**
 * LiveKit Agents (Node and Python) publish every transcript twice, side by side: a deprecated
 * `transcription` packet and a text stream, under DIFFERENT segment ids. For each piece of text
 * the framework sends the packet first and the stream's piece right after, but the two travel as
 * separate requests, so either may arrive first. This decides which segment each piece belongs
 * to, so that each utterance is one segment whoever the agent is:
 *
 * - Text streams win. Once a sender has sent a stream, its packets for segments not seen before
 *   are dropped: they only repeat what its streams say.
 * - Packets that came before a sender's first streams are on show already. A stream's first text
 *   takes over the latest such segment of the same speaker whose text agrees with it (one is the
 *   start of the other): from then on the stream's pieces go to that segment and the packets of
 *   that segment are dropped. A packet segment no stream takes over goes on by its own packets.
 * - An agent that sends no streams at all is heard through its packets alone.
 *
 * Deterministic: it depends only on the order pieces arrive in, never on time. Both the widget
 * (`live-transcripts.ts`) and the emulator's transcript recorder use it, so what the visitor sees
 * and what the server records are the same utterances. It knows no wire names (no `lk.*`).
 */

/** One piece of transcript: the whole text of its segment so far. */
export interface TranscriptPiece {
  /** A deprecated `transcription` packet, or a text stream. */
  source: 'packet' | 'stream';
  /**
   * Who published it. Undefined when the receiver cannot tell (livekit-client's legacy event
   * names the transcribed participant, not the sender): then a stream from anyone counts.
   */
  sender: string | undefined;
  segmentId: string;
  role: 'user' | 'assistant';
  text: string;
}

interface PacketSegment {
  sender: string | undefined;
  role: TranscriptPiece['role'];
  text: string;
  /** A stream took it over: its own packets are duplicates now. */
  takenOver: boolean;
}

export class TranscriptTwins {
  /** Senders heard on a stream; `anyone` once any stream arrived. */
  private readonly streamingSenders = new Set<string>();
  private anyoneStreams = false;
  private readonly packetSegments = new Map<string, PacketSegment>();
  /** A stream's segment id → the segment its pieces go to (its own id, or a packet segment's). */
  private readonly streamTargets = new Map<string, string>();

  /** The segment this piece belongs to, or undefined when it repeats what a stream says. */
  segmentFor(piece: TranscriptPiece): string | undefined {
    return piece.source === 'stream' ? this.fromStream(piece) : this.fromPacket(piece);
  }

  private fromStream(piece: TranscriptPiece): string | undefined {
    this.anyoneStreams = true;
    if (piece.sender !== undefined) this.streamingSenders.add(piece.sender);
    const known = this.streamTargets.get(piece.segmentId);
    if (known) return known;
    // Without text there is nothing to match a twin by yet, and nothing to show.
    if (!normalise(piece.text)) return undefined;
    const twin = this.untakenTwinOf(piece);
    if (twin) this.packetSegments.get(twin)!.takenOver = true;
    const target = twin ?? piece.segmentId;
    this.streamTargets.set(piece.segmentId, target);
    return target;
  }

  private fromPacket(piece: TranscriptPiece): string | undefined {
    const known = this.packetSegments.get(piece.segmentId);
    if (known) {
      if (known.takenOver) return undefined;
      known.text = piece.text;
      return piece.segmentId;
    }
    if (this.streams(piece.sender)) return undefined;
    this.packetSegments.set(piece.segmentId, {
      sender: piece.sender,
      role: piece.role,
      text: piece.text,
      takenOver: false,
    });
    return piece.segmentId;
  }

  private streams(sender: string | undefined): boolean {
    return sender === undefined ? this.anyoneStreams : this.streamingSenders.has(sender);
  }

  /** The latest packet segment the stream's first text could be the twin of. */
  private untakenTwinOf(piece: TranscriptPiece): string | undefined {
    const text = normalise(piece.text);
    for (const [segmentId, segment] of [...this.packetSegments].reverse()) {
      if (segment.takenOver || segment.role !== piece.role) continue;
      if (segment.sender !== undefined && segment.sender !== piece.sender) continue;
      const shown = normalise(segment.text);
      if (shown && (shown.startsWith(text) || text.startsWith(shown))) return segmentId;
    }
    return undefined;
  }
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
