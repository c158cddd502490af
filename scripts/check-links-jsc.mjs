// `npm run test:jsc`: the link finder's cases (test/links/) in JavaScriptCore, Safari's engine,
// whose regular expressions backtrack differently from V8's. Needs the `jsc` shell (Debian:
// libjavascriptcoregtk-4.0-bin; or JSC_PATH). A missing jsc is a failure, never a skip: CI runs
// this as its own step so that nobody mistakes "not run" for "passed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

// Each pathological input takes milliseconds when linear; the quadratic pattern took 15.9 s for
// one. The limit only stops a hang.
const HANG_MS = 120_000;

function findJsc() {
  const candidates = [process.env.JSC_PATH, '/usr/bin/jsc'].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v jsc'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

const jsc = findJsc();
if (!jsc) {
  console.error('jsc not found: install libjavascriptcoregtk-4.0-bin (or set JSC_PATH).');
  process.exit(1);
}

const bundle = await build({
  entryPoints: ['test/links/jsc-entry.ts'],
  bundle: true,
  format: 'iife',
  target: 'es2022',
  write: false,
  logLevel: 'warning',
});
const directory = mkdtempSync(join(tmpdir(), 'links-jsc-'));
const file = join(directory, 'links.js');
writeFileSync(file, bundle.outputFiles[0].text);
const run = spawnSync(jsc, [file], { stdio: 'inherit', timeout: HANG_MS });
rmSync(directory, { recursive: true, force: true });
if (run.error) {
  console.error(`jsc did not finish: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
