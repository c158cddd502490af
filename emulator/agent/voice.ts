import { readFileSync } from 'node:fs';
import { readOpusPackets } from './ogg-opus.js';

/** One Opus packet of the fixture lasts 20 ms (encoded with `--framesize 20`). */
export const FRAME_MS = 20;

let greeting: Buffer[] | undefined;

/**
 * The spoken greeting: Opus packets from `emulator/fixtures/greeting.opus`, made once with
 * espeak-ng and opusenc (see emulator/fixtures/README.md); nothing is synthesised at run time.
 */
export function greetingAudio(): Buffer[] {
  greeting ??= readOpusPackets(readFileSync(new URL('../fixtures/greeting.opus', import.meta.url)));
  return greeting;
}

/**
 * Sends `packets` one per 20 ms, against the clock rather than a chain of timers, so the pace
 * holds on a busy machine. Resolves when done or when `stopped()` turns true.
 */
export function playPackets(
  packets: Buffer[],
  send: (packet: Buffer) => void,
  stopped: () => boolean,
): Promise<void> {
  const start = Date.now();
  let next = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (stopped()) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.min(packets.length, Math.floor((Date.now() - start) / FRAME_MS) + 1);
      for (; next < due; next++) send(packets[next]);
      if (next >= packets.length) {
        clearInterval(timer);
        resolve();
      }
    }, FRAME_MS / 2);
  });
}
