import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import {
  DataPacket,
  DataPacket_Kind,
  DataStream_ByteHeader,
  DataStream_Chunk,
  DataStream_CompressionType,
  DataStream_Header,
  DataStream_OperationType,
  DataStream_TextHeader,
  DataStream_Trailer,
  Transcription,
  TranscriptionSegment,
  UserPacket,
} from '@livekit/protocol';

/**
 * Who data comes from. livekit-client drops a reliable packet whose `sequence` is not above the
 * last one seen from the same participant sid, so every sender counts its own.
 */
export class DataSender {
  private sequence = 0;

  constructor(
    readonly identity: string,
    readonly sid: string,
  ) {}

  /** Stamps identity, sid and the next sequence number on a packet value. */
  packet(value: DataPacket['value'], destinationIdentities: string[] = []): DataPacket {
    this.sequence += 1;
    return new DataPacket({
      kind: DataPacket_Kind.RELIABLE,
      participantIdentity: this.identity,
      participantSid: this.sid,
      destinationIdentities,
      sequence: this.sequence,
      value,
    });
  }
}

export function userPacket(sender: DataSender, topic: string, payload: Uint8Array): DataPacket {
  return sender.packet({
    case: 'user',
    value: new UserPacket({
      participantIdentity: sender.identity,
      participantSid: sender.sid,
      topic,
      payload,
    }),
  });
}

/**
 * A text stream sent piece by piece, as rtc-node's `streamText` writer sends it: a header, a chunk
 * per `write`, a trailer. Each method returns the packet to send.
 */
export class OutgoingTextStream {
  readonly streamId = randomUUID();
  private chunkIndex = 0;

  constructor(
    private readonly sender: DataSender,
    private readonly topic: string,
    private readonly attributes: Record<string, string>,
    /** The length when known up front (a whole text); a stream written as it goes has none. */
    private readonly totalLength?: number,
  ) {}

  header(): DataPacket {
    const header = new DataStream_Header({
      streamId: this.streamId,
      timestamp: BigInt(Date.now()),
      topic: this.topic,
      mimeType: 'text/plain',
      ...(this.totalLength === undefined ? {} : { totalLength: BigInt(this.totalLength) }),
      attributes: this.attributes,
      contentHeader: {
        case: 'textHeader',
        value: new DataStream_TextHeader({ operationType: DataStream_OperationType.CREATE }),
      },
    });
    return this.sender.packet({ case: 'streamHeader', value: header });
  }

  chunk(content: Uint8Array): DataPacket {
    const chunk = new DataStream_Chunk({
      streamId: this.streamId,
      chunkIndex: BigInt(this.chunkIndex++),
      content,
    });
    return this.sender.packet({ case: 'streamChunk', value: chunk });
  }

  /** Python's writer can close with attributes (merged into the header's); Node's cannot. */
  trailer(attributes: Record<string, string> = {}): DataPacket {
    const trailer = new DataStream_Trailer({ streamId: this.streamId, attributes });
    return this.sender.packet({ case: 'streamTrailer', value: trailer });
  }
}

/** A whole text stream (header, chunks, trailer) as livekit-client's `sendText` would send it. */
export function textStreamPackets(
  sender: DataSender,
  topic: string,
  text: string,
  attributes: Record<string, string>,
  chunkBytes = 15_000,
): DataPacket[] {
  const bytes = Buffer.from(text, 'utf8');
  const stream = new OutgoingTextStream(sender, topic, attributes, bytes.byteLength);
  const packets = [stream.header()];
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    packets.push(stream.chunk(bytes.subarray(offset, offset + chunkBytes)));
  }
  packets.push(stream.trailer());
  return packets;
}

/** A whole byte stream in one chunk, as rtc-node's `streamBytes` sends a small payload. */
export function byteStreamPackets(
  sender: DataSender,
  topic: string,
  name: string,
  bytes: Uint8Array,
  destinationIdentities: string[] = [],
): DataPacket[] {
  const streamId = randomUUID();
  const header = new DataStream_Header({
    streamId,
    timestamp: BigInt(Date.now()),
    topic,
    mimeType: 'application/octet-stream',
    totalLength: BigInt(bytes.byteLength),
    contentHeader: { case: 'byteHeader', value: new DataStream_ByteHeader({ name }) },
  });
  const chunk = new DataStream_Chunk({ streamId, chunkIndex: 0n, content: bytes });
  return [
    sender.packet({ case: 'streamHeader', value: header }, destinationIdentities),
    sender.packet({ case: 'streamChunk', value: chunk }, destinationIdentities),
    sender.packet(
      { case: 'streamTrailer', value: new DataStream_Trailer({ streamId }) },
      destinationIdentities,
    ),
  ];
}

/** One segment of a deprecated `transcription` packet, as `publishTranscription` sends it. */
export interface LegacyTranscript {
  /** Whose track is transcribed. */
  identity: string;
  trackSid: string;
  segmentId: string;
  text: string;
  final: boolean;
}

export function transcriptionPacket(sender: DataSender, transcript: LegacyTranscript): DataPacket {
  const segment = new TranscriptionSegment({
    id: transcript.segmentId,
    text: transcript.text,
    final: transcript.final,
    language: '',
  });
  const value = new Transcription({
    transcribedParticipantIdentity: transcript.identity,
    trackId: transcript.trackSid,
    segments: [segment],
  });
  return sender.packet({ case: 'transcription', value });
}

/** A text stream as it arrives: its header's attributes (the trailer's merged in at its end). */
export interface IncomingText {
  streamId: string;
  topic: string;
  attributes: Record<string, string>;
  /** All the text so far. */
  text: string;
}

/** What one packet did to a text stream: more text arrived, or the stream is complete. */
export type TextStreamEvent = { type: 'text' | 'end'; stream: IncomingText };

/**
 * Reassembles incoming text streams piece by piece: header + chunks + trailer, or a single header
 * carrying the whole (maybe deflate-raw compressed) text inline, which newer clients send to newer
 * peers. Byte streams are not text: they are ignored.
 */
export class IncomingTextStreams {
  private readonly open = new Map<
    string,
    { stream: IncomingText; header: DataStream_Header; chunks: Uint8Array[]; decoder: TextDecoder }
  >();

  accept(packet: DataPacket): TextStreamEvent | undefined {
    const { value } = packet;
    switch (value.case) {
      case 'streamHeader': {
        const header = value.value;
        if (header.contentHeader.case !== 'textHeader') return undefined;
        const stream = {
          streamId: header.streamId,
          topic: header.topic,
          attributes: { ...header.attributes },
          text: '',
        };
        if (header.inlineContent !== undefined)
          return complete(header, stream, [header.inlineContent]);
        this.open.set(header.streamId, { stream, header, chunks: [], decoder: new TextDecoder() });
        return undefined;
      }
      case 'streamChunk': {
        const open = this.open.get(value.value.streamId);
        if (!open) return undefined;
        open.chunks.push(value.value.content);
        // Compressed text can only be read whole, at the end.
        if (open.header.compression === DataStream_CompressionType.DEFLATE_RAW) return undefined;
        open.stream.text += open.decoder.decode(value.value.content, { stream: true });
        return { type: 'text', stream: open.stream };
      }
      case 'streamTrailer': {
        const open = this.open.get(value.value.streamId);
        if (!open) return undefined;
        this.open.delete(value.value.streamId);
        Object.assign(open.stream.attributes, value.value.attributes);
        return complete(open.header, open.stream, open.chunks);
      }
      default:
        return undefined;
    }
  }
}

/** A text stream received in full. */
export interface ReceivedText {
  topic: string;
  text: string;
  attributes: Record<string, string>;
}

/** Only the complete texts of IncomingTextStreams. */
export class TextStreamAssembler {
  private readonly streams = new IncomingTextStreams();

  accept(packet: DataPacket): ReceivedText | undefined {
    const event = this.streams.accept(packet);
    if (event?.type !== 'end') return undefined;
    const { topic, text, attributes } = event.stream;
    return { topic, text, attributes };
  }
}

function complete(
  header: DataStream_Header,
  stream: IncomingText,
  chunks: Uint8Array[],
): TextStreamEvent | undefined {
  let bytes: Uint8Array = Buffer.concat(chunks);
  if (header.compression === DataStream_CompressionType.DEFLATE_RAW) {
    try {
      bytes = inflateRawSync(bytes);
    } catch {
      // A page's broken stream is dropped: thrown inside werift's data channel callback, it would
      // take the whole emulator down.
      return undefined;
    }
  }
  stream.text = Buffer.from(bytes).toString('utf8');
  return { type: 'end', stream };
}
