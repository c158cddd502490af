// The README's Next.js recipe as a new user builds it: test/apps/next (app router) imports
// `krosai-conversation/react` in a client page and serves the backend route with
// createKrosaiHandler(() => options), against the packed package in its node_modules. `next build`
// runs with no KROSAI_* variable in its environment and must pass: the options are read on the
// first request, not at build. Next is the app's own install (test/apps/next/package-lock.json),
// made here on first use, so it stays off the repository's node_modules.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { installPacked, ok, ROOT, run } from '../node/packed.js';

const APP = join(ROOT, 'test/apps/next');

before(() => {
  if (!existsSync(join(APP, 'node_modules/next/package.json'))) {
    ok('npm', ['ci', '--no-audit', '--no-fund'], APP);
  }
  installPacked(APP);
});

test('next build passes without the secrets, with the page and the route', () => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('KROSAI_')),
  );
  env.NEXT_TELEMETRY_DISABLED = '1';
  const { status, output } = run(
    process.execPath,
    [join(APP, 'node_modules/next/dist/bin/next'), 'build'],
    APP,
    env,
  );
  assert.equal(status, 0, output);
  assert.doesNotMatch(output, /apiKey is missing/);
  assert.match(output, /\/api\/krosai\/\[\.\.\.path\]/);
  assert.match(output, /[○●ƒ] \/\s/);
});
