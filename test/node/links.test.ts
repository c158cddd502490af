// The link finder (src/templates/links.ts) in Node: what it finds, and that it stays linear on
// inputs that sent a backtracking pattern into seconds of work. scripts/check-links-jsc.mjs runs
// the same cases in JavaScriptCore.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { splitLinks } from '../../src/templates/links.js';
import { describeParts, LINK_CASES, PATHOLOGICAL_INPUTS } from '../links/link-cases.js';

describe('splitLinks', () => {
  for (const { name, text, expected } of LINK_CASES) {
    test(name, () => {
      assert.deepEqual(describeParts(splitLinks(text)), expected);
    });
  }

  for (const { name, text } of PATHOLOGICAL_INPUTS) {
    test(`${name}: comes back, every character kept`, () => {
      assert.equal(splitInProcess(text), text);
    });
  }
});

/**
 * The joined parts, from a process given `HANG_MS` to answer. Only a hang detector: the
 * quadratic pattern took 13 s and more on these inputs, the linear finder a few milliseconds (the
 * process itself about half a second), so contention cannot make the outcome flip.
 */
const HANG_MS = 20_000;
function splitInProcess(text: string): string {
  const script = fileURLToPath(new URL('../links/split-from-stdin.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
    input: text,
    encoding: 'utf8',
    timeout: HANG_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}
