import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import {
  DataPacket,
  DataPacket_Kind,
  DataStream_Chunk,
  DataStream_CompressionType,
  DataStream_Header,
  DataStream_OperationType,
  DataStream_TextHeader,
  DataStream_Trailer,
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

/** A whole text stream (header, chunks, trailer) as livekit-client's `sendText` would send it. */
export function textStreamPackets(
  sender: DataSender,
  topic: string,
  text: string,
  attributes: Record<string, string>,
  chunkBytes = 15_000,
): DataPacket[] {
  const streamId = randomUUID();
  const bytes = Buffer.from(text, 'utf8');
  const header = new DataStream_Header({
    streamId,
    timestamp: BigInt(Date.now()),
    topic,
    mimeType: 'text/plain',
    totalLength: BigInt(bytes.byteLength),
    attributes,
    contentHeader: {
      case: 'textHeader',
      value: new DataStream_TextHeader({ operationType: DataStream_OperationType.CREATE }),
    },
  });
  const packets = [sender.packet({ case: 'streamHeader', value: header })];
  for (let offset = 0, index = 0; offset < bytes.byteLength; offset += chunkBytes, index++) {
    const content = bytes.subarray(offset, offset + chunkBytes);
    const chunk = new DataStream_Chunk({ streamId, chunkIndex: BigInt(index), content });
    packets.push(sender.packet({ case: 'streamChunk', value: chunk }));
  }
  const trailer = new DataStream_Trailer({ streamId });
  packets.push(sender.packet({ case: 'streamTrailer', value: trailer }));
  return packets;
}

/** A text stream received in full. */
export interface ReceivedText {
  topic: string;
  text: string;
  attributes: Record<string, string>;
}

/**
 * Reassembles incoming text streams: header + chunks + trailer, or a single header carrying the
 * whole (maybe deflate-raw compressed) text inline, which newer clients send to newer peers.
 */
export class TextStreamAssembler {
  private readonly open = new Map<string, { header: DataStream_Header; chunks: Uint8Array[] }>();

  accept(packet: DataPacket): ReceivedText | undefined {
    const { value } = packet;
    switch (value.case) {
      case 'streamHeader': {
        const header = value.value;
        if (header.contentHeader.case !== 'textHeader') return undefined;
        if (header.inlineContent !== undefined) return finish(header, [header.inlineContent]);
        this.open.set(header.streamId, { header, chunks: [] });
        return undefined;
      }
      case 'streamChunk':
        this.open.get(value.value.streamId)?.chunks.push(value.value.content);
        return undefined;
      case 'streamTrailer': {
        const stream = this.open.get(value.value.streamId);
        if (!stream) return undefined;
        this.open.delete(value.value.streamId);
        return finish(stream.header, stream.chunks);
      }
      default:
        return undefined;
    }
  }
}

function finish(header: DataStream_Header, chunks: Uint8Array[]): ReceivedText | undefined {
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
  return {
    topic: header.topic,
    text: Buffer.from(bytes).toString('utf8'),
    attributes: { ...header.attributes },
  };
}
