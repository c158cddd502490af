// The framework agent's ears: energy-based utterances, fed 10 ms frames of audio time (no clock).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BREATH_MS,
  END_SILENCE_MS,
  levelOf,
  MAX_UTTERANCE_MS,
  UtteranceDetector,
  type UtteranceEvent,
  VOICE_LEVEL,
} from '../../emulator/agent/framework/utterances.js';

const FRAME_MS = 10;
const LOUD = 0.3;

/** Feeds `ms` of audio whose level per frame is `levelAt(frame)`; returns the events, by frame. */
function feed(detector: UtteranceDetector, ms: number, levelAt: (frame: number) => number) {
  const events: Array<UtteranceEvent & { atMs: number }> = [];
  for (let frame = 0; frame < ms / FRAME_MS; frame++) {
    for (const event of detector.push(levelAt(frame), FRAME_MS)) {
      events.push({ ...event, atMs: frame * FRAME_MS });
    }
  }
  return events;
}

/** Chromium's fake microphone: about 80 ms above the threshold every 500 ms. */
const beeping = (frame: number) => (frame % 50 < 8 ? LOUD : 0);

test('levels are RMS fractions of full scale', () => {
  assert.equal(levelOf(new Int16Array(480)), 0);
  assert.ok(Math.abs(levelOf(new Int16Array(480).fill(16384)) - 0.5) < 1e-9);
  assert.ok(VOICE_LEVEL > levelOf(new Int16Array(480).fill(100)));
});

test('silence is never an utterance', () => {
  assert.deepEqual(
    feed(new UtteranceDetector(), 10_000, () => 0.001),
    [],
  );
});

test('a short stretch of voice ends after the end-of-speech silence', () => {
  const detector = new UtteranceDetector();
  const events = feed(detector, 3000, (frame) => (frame < 50 ? LOUD : 0));
  const ends = events.filter((event) => event.type === 'end');
  assert.equal(events[0]?.type, 'start');
  assert.deepEqual(
    ends.map((event) => event.atMs),
    [490 + END_SILENCE_MS],
  );
});

test('a beeping microphone makes one utterance per phrase length plus a breath', () => {
  const events = feed(new UtteranceDetector(), 20_000, beeping);
  const starts = events.filter((event) => event.type === 'start').map((event) => event.atMs);
  const ends = events.filter((event) => event.type === 'end').map((event) => event.atMs);
  assert.ok(starts.length >= 4, `only ${starts.length} utterances`);
  for (const [index, start] of starts.entries()) {
    const end = ends[index]!;
    assert.equal(end - start, MAX_UTTERANCE_MS - FRAME_MS);
    // Nothing starts during the breath after an utterance.
    const next = starts[index + 1];
    if (next !== undefined) assert.ok(next - end >= BREATH_MS, `${next - end} ms of breath`);
  }
  // Progress grows towards 1 within each utterance.
  const fractions = events.flatMap((event) => (event.type === 'progress' ? [event.fraction] : []));
  assert.ok(fractions.every((fraction) => fraction > 0 && fraction <= 1));
});

test('a flush ends the utterance in progress, once', () => {
  const detector = new UtteranceDetector();
  feed(detector, 300, () => LOUD);
  assert.deepEqual(detector.flush(), [{ type: 'end' }]);
  assert.deepEqual(detector.flush(), []);
});
