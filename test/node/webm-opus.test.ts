import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readWebmOpusFrames } from '../../emulator/agent/framework/webm-opus.js';

/** An EBML element: its id bytes, a size (or the 8-byte "unknown" size), its body. */
function element(id: number[], body: Uint8Array | number[], unknownSize = false): number[] {
  const bytes = [...body];
  const size = unknownSize
    ? [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
    : bytes.length < 0x7f
      ? [0x80 | bytes.length]
      : [0x40 | (bytes.length >> 8), bytes.length & 0xff];
  return [...id, ...size, ...bytes];
}

/** A SimpleBlock of track 1 (timecode, keyframe flag) carrying `frame`. */
const simpleBlock = (frame: number[], timecode: number) =>
  element([0xa3], [0x81, timecode >> 8, timecode & 0xff, 0x80, ...frame]);

test('reads the Opus frames of a live WebM recording (Segment and Clusters of unknown size)', () => {
  const frameA = [0xfc, 1, 2, 3];
  const frameB = new Array(200).fill(7);
  const frameC = [0xfc, 9];
  const webm = Uint8Array.from([
    ...element([0x1a, 0x45, 0xdf, 0xa3], [0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]),
    ...element(
      [0x18, 0x53, 0x80, 0x67],
      [
        // Tracks and other metadata are skipped by their size.
        ...element([0x16, 0x54, 0xae, 0x6b], [0xae, 0x83, 0xd7, 0x81, 0x01]),
        ...element(
          [0x1f, 0x43, 0xb6, 0x75],
          [...element([0xe7], [0x00]), ...simpleBlock(frameA, 0), ...simpleBlock(frameB, 20)],
          true,
        ),
        ...element(
          [0x1f, 0x43, 0xb6, 0x75],
          [...element([0xe7], [0x10]), ...simpleBlock(frameC, 0)],
          true,
        ),
      ],
      true,
    ),
  ]);
  const frames = readWebmOpusFrames(webm).map((frame) => [...frame]);
  assert.deepEqual(frames, [frameA, frameB, frameC]);
});

test('stops quietly at a truncated or foreign file', () => {
  assert.deepEqual(readWebmOpusFrames(Uint8Array.from([0x1a, 0x45])), []);
  assert.deepEqual(readWebmOpusFrames(Uint8Array.from([0, 0, 0, 0])), []);
  assert.deepEqual(readWebmOpusFrames(new TextEncoder().encode('OggS not webm')), []);
});
