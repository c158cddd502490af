// The package as a user gets it: built, packed with `npm pack`, the tarball unpacked into
// `<dir>/node_modules/krosai-conversation` (framework-apps.test.ts, next-app.test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function run(command: string, args: string[], cwd: string, env = process.env) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function ok(command: string, args: string[], cwd: string, env = process.env): string {
  const { status, output } = run(command, args, cwd, env);
  assert.equal(status, 0, `${command} ${args.join(' ')} failed:\n${output}`);
  return output;
}

/** Builds and packs the package, and unpacks it as `dir`'s node_modules/krosai-conversation. */
export function installPacked(dir: string): string {
  const installed = join(dir, 'node_modules/krosai-conversation');
  ok(process.execPath, ['scripts/build.mjs'], ROOT);
  const packs = mkdtempSync(join(tmpdir(), 'krosai-pack-'));
  try {
    ok('npm', ['pack', '--silent', '--pack-destination', packs], ROOT);
    const [tarball] = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack wrote a tarball');
    rmSync(installed, { recursive: true, force: true });
    mkdirSync(installed, { recursive: true });
    ok('tar', ['-xzf', join(packs, tarball), '-C', installed, '--strip-components=1'], ROOT);
  } finally {
    rmSync(packs, { recursive: true, force: true });
  }
  return installed;
}
