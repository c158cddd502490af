import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { build } from 'vite';
// @ts-expect-error: a plain ES module script without types.
import { checkHosting } from '../../scripts/hosting-checks.mjs';

const outDir = mkdtempSync(join(tmpdir(), 'krosai-hosting-'));
after(() => rmSync(outDir, { recursive: true, force: true }));

test('the script-tag bundle survives hostile hosting: ?ver=, no chunks/, tampered chunks under SRI, a classic tag, no CORS', async () => {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  assert.deepEqual(await checkHosting(outDir), []);
});
