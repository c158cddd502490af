// createKrosaiHandler(() => options): constructible where the secrets are absent (`next build`),
// the options read on the first request, a clear JSON 500 until they are complete.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { createKrosaiHandler, type KrosaiHandlerOptions } from '../../src/server/index.js';

const SECRET = 'a test secret that is long enough';
const MOUNT = 'https://site.example/api/krosai';

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());

const create = () =>
  new Request(`${MOUNT}/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://site.example' },
    body: JSON.stringify({ agent_id: 'agent_demo' }),
  });

test('options are read on the first request; missing ones give a JSON 500 "config" until set', async (t) => {
  const logged = t.mock.method(console, 'error', () => undefined);
  const env: { KROSAI_API_KEY?: string } = {};
  let reads = 0;
  const handler = createKrosaiHandler(() => {
    reads += 1;
    return {
      apiKey: env.KROSAI_API_KEY ?? '',
      apiBase: emulator.url,
      agents: ['agent_demo'],
      secret: SECRET,
    };
  });
  assert.equal(reads, 0, 'nothing is read when the route is created');

  const refused = await handler(create());
  assert.equal(refused.status, 500);
  assert.deepEqual(await refused.json(), {
    code: 'config',
    error: 'createKrosaiHandler: apiKey is missing.',
  });
  assert.equal(logged.mock.callCount(), 1);
  assert.match(String(logged.mock.calls[0]?.arguments[0]), /apiKey is missing/);

  env.KROSAI_API_KEY = emulator.apiKey;
  const served = await handler(create());
  assert.equal(served.status, 201);
  assert.equal(typeof (await served.json()).handle, 'string');
  assert.equal((await handler(create())).status, 201);
  assert.equal(reads, 2, 'complete options are read once and kept');
});

test('options that fail to read give a JSON 500 "config", never a rejection', async (t) => {
  const logged = t.mock.method(console, 'error', () => undefined);
  const handler = createKrosaiHandler((): KrosaiHandlerOptions => {
    throw new Error('vault unreachable');
  });
  const response = await handler(create());
  assert.equal(response.status, 500);
  assert.deepEqual(await response.json(), {
    code: 'config',
    error: 'createKrosaiHandler: reading the options failed.',
  });
  assert.match(String(logged.mock.calls[0]?.arguments[1]), /vault unreachable/);
});
