/**
 * Reads the Opus frames out of the WebM that a browser's MediaRecorder makes of a microphone
 * (`audio/webm;codecs=opus`): what livekit-client sends an agent as its pre-connect audio buffer.
 * Enough for that stream: one audio track, no lacing; the Segment and Clusters may be of unknown
 * size (a live recording), so master elements are entered, not skipped.
 */

/** Master elements whose children hold the blocks: Segment, Cluster, BlockGroup. */
const ENTERED = new Set([0x18538067, 0x1f43b675, 0xa0]);
const SIMPLE_BLOCK = 0xa3;
const BLOCK = 0xa1;

/** An EBML variable-length integer at `offset`: its value and length (`keepMarker` for ids). */
function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean) {
  const first = bytes[offset];
  if (first === undefined || first === 0) return undefined;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length += 1;
  if (offset + length > bytes.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index += 1) {
    const byte = bytes[offset + index]!;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

export function readWebmOpusFrames(bytes: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const id = readVint(bytes, offset, true);
    if (!id) break;
    const size = readVint(bytes, offset + id.length, false);
    if (!size) break;
    const body = offset + id.length + size.length;
    if (ENTERED.has(id.value)) {
      offset = body;
      continue;
    }
    if (size.unknown) break;
    const end = Math.min(bytes.length, body + size.value);
    if (id.value === SIMPLE_BLOCK || id.value === BLOCK) {
      const track = readVint(bytes, body, false);
      // Track number, a 16-bit timecode, the flags; lacing (flags 0x06) never comes from a recorder.
      if (track) {
        const flags = bytes[body + track.length + 2] ?? 0;
        if ((flags & 0x06) === 0) frames.push(bytes.subarray(body + track.length + 3, end));
      }
    }
    offset = end;
  }
  return frames;
}
