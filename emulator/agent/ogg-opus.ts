/**
 * Reads the Opus packets out of an Ogg Opus file (RFC 7845), dropping the two header packets.
 * Enough for the agent's fixture: one logical stream, packets possibly spanning pages.
 */
export function readOpusPackets(file: Uint8Array): Buffer[] {
  const bytes = Buffer.from(file);
  const packets: Buffer[] = [];
  let pending: Buffer[] = [];
  let offset = 0;
  while (offset + 27 <= bytes.length) {
    if (bytes.toString('latin1', offset, offset + 4) !== 'OggS') {
      throw new Error(`not an Ogg page at byte ${offset}`);
    }
    const segmentCount = bytes[offset + 26];
    let data = offset + 27 + segmentCount;
    for (const size of bytes.subarray(offset + 27, offset + 27 + segmentCount)) {
      pending.push(bytes.subarray(data, data + size));
      data += size;
      // A segment shorter than 255 bytes ends a packet; 255 means it goes on.
      if (size < 255) {
        packets.push(Buffer.concat(pending));
        pending = [];
      }
    }
    offset = data;
  }
  return packets.filter((packet) => !isHeader(packet));
}

function isHeader(packet: Buffer): boolean {
  const magic = packet.toString('latin1', 0, 8);
  return magic === 'OpusHead' || magic === 'OpusTags';
}
