// The route's hostile-request matrix: forged, truncated, replayed and foreign handles, path tricks
// in ids, wrong methods, huge bodies, agents outside the allow-list, CRLF in values. Each gets the
// right status and never reaches KrosAI (a counting fetch stands in front of the emulator).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { createHandleSigner } from '../../src/server/handle.js';
import { createKrosaiHandler, type KrosaiHandler } from '../../src/server/index.js';

const SECRET = 'a test secret that is long enough';
const MOUNT = 'https://site.example/api/krosai';

let emulator: RunningEmulator;
let handler: KrosaiHandler;
let krosaiCalls = 0;
let mine: { id: string; handle: string };
let theirs: { id: string; handle: string };

before(async () => {
  emulator = await startEmulator();
  handler = createKrosaiHandler({
    apiKey: emulator.apiKey,
    apiBase: emulator.url,
    agents: ['agent_demo'],
    secret: SECRET,
    fetch: (input, init) => {
      krosaiCalls += 1;
      return fetch(input, init);
    },
  });
  mine = await create();
  theirs = await create();
});
after(() => emulator.stop());
beforeEach(() => {
  krosaiCalls = 0;
});

async function create() {
  const response = await handler(
    new Request(`${MOUNT}/conversations`, {
      method: 'POST',
      body: JSON.stringify({ agent_id: 'agent_demo' }),
    }),
  );
  assert.equal(response.status, 201);
  return (await response.json()) as { id: string; handle: string };
}

/** Sends `request` and checks its status (or that it is a 4xx) and that KrosAI was not called. */
async function expectRefused(request: Request, status: number | '4xx') {
  const response = await handler(request);
  if (status === '4xx')
    assert.ok(response.status >= 400 && response.status < 500, `${response.status}`);
  else assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(typeof (await response.json()).code, 'string');
  assert.equal(krosaiCalls, 0, 'KrosAI was called');
}

const get = (path: string, handle?: string) =>
  new Request(MOUNT + path, handle === undefined ? {} : { headers: { 'X-Krosai-Handle': handle } });

describe('handles', () => {
  const cases: [string, () => string][] = [
    ['missing', () => ''],
    ['forged', () => 'v1.1700000000.forged'],
    ['truncated', () => mine.handle.slice(0, -4)],
    ['with a byte more', () => `${mine.handle}A`],
    ['replayed on another conversation', () => theirs.handle],
    ['re-dated', () => mine.handle.replace(/^v1\.(\d+)\./, (_, s) => `v1.${Number(s) - 1}.`)],
    ['of another version', () => mine.handle.replace(/^v1/, 'v2')],
    ['padded base64', () => `${mine.handle}=`],
    ['with a space inside', () => mine.handle.replace('.', ' .')],
    ['huge', () => `v1.1.${'A'.repeat(100_000)}`],
  ];
  for (const [name, handle] of cases) {
    test(`a ${name} handle: 403`, async () => {
      await expectRefused(get(`/conversations/${mine.id}`, handle()), 403);
      await expectRefused(get(`/conversations/${mine.id}/messages`, handle()), 403);
    });
  }

  test('a foreign handle (signed with another secret): 403', async () => {
    const foreign = await createHandleSigner('another secret, just as long').sign(mine.id);
    await expectRefused(get(`/conversations/${mine.id}`, foreign), 403);
  });

  test('CRLF in a handle passed as a query parameter: 403', async () => {
    const handle = encodeURIComponent(`${mine.handle}\r\nX-Injected: 1`);
    await expectRefused(get(`/conversations/${mine.id}?handle=${handle}`), 403);
  });
});

describe('path tricks in ids', () => {
  // Dot segments never reach the route as ids: the URL parser resolves them first, into a path
  // that is another route or none. Whichever: a refusal, and KrosAI is not called.
  for (const id of ['..', '%2e%2e', '.', '.%2E']) {
    test(`id ${id}: resolved away by the URL parser, refused`, async () => {
      await expectRefused(get(`/conversations/${id}`, mine.handle), '4xx');
      await expectRefused(get(`/conversations/${id}/messages`, mine.handle), '4xx');
    });
  }
  for (const id of [
    '...',
    'a%2Fb',
    'a%5Cb',
    '%2e%2e%2f%2e%2e%2fagents%2fagent_demo%2fvoice',
    'c%00',
    'c%0d%0aX-Injected:%201',
    'c%20d',
    '%EF%BD%83',
    'x'.repeat(201),
    '%E0%A4%A',
  ]) {
    test(`id ${id.slice(0, 40)}: 400`, async () => {
      await expectRefused(get(`/conversations/${id}`, mine.handle), 400);
      await expectRefused(get(`/conversations/${id}/messages`, mine.handle), 400);
    });
  }
});

describe('wrong methods', () => {
  const routes: [string, string][] = [
    ['/conversations', 'POST'],
    ['/conversations/c1', 'GET'],
    ['/conversations/c1/messages', 'GET'],
    ['/agents/agent_demo/voice', 'POST'],
  ];
  for (const [path, allowed] of routes) {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND']) {
      if (method === allowed) continue;
      test(`${method} ${path}: 405 with Allow: ${allowed}`, async () => {
        const response = await handler(new Request(MOUNT + path, { method }));
        assert.equal(response.status, 405);
        assert.equal(response.headers.get('allow'), allowed);
        assert.equal(krosaiCalls, 0);
      });
    }
  }
});

describe('bodies', () => {
  test('a 10 MB body: 413', async () => {
    const body = JSON.stringify({ agent_id: 'agent_demo', title: 'x'.repeat(10 * 1024 * 1024) });
    await expectRefused(new Request(`${MOUNT}/conversations`, { method: 'POST', body }), 413);
  });

  test('a 10 MB body that declares a small Content-Length header is still cut at the limit', async () => {
    const body = new Blob(['{"agent_id": "agent_demo", "title": "', 'x'.repeat(10 << 20), '"}']);
    const request = new Request(`${MOUNT}/conversations`, {
      method: 'POST',
      body: body.stream(),
      duplex: 'half',
    } as RequestInit);
    await expectRefused(request, 413);
  });

  for (const [name, body] of [
    ['prototype pollution keys', '{"__proto__": {"agent_id": "agent_demo"}, "constructor": 1}'],
    ['agent_id a number', '{"agent_id": 7}'],
    ['agent_id an object', '{"agent_id": {"toString": "agent_demo"}}'],
    ['JSON null', 'null'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ] as const) {
    test(`${name}: 400`, async () => {
      await expectRefused(new Request(`${MOUNT}/conversations`, { method: 'POST', body }), 400);
    });
  }
});

describe('agents outside the allow-list', () => {
  for (const agent of [
    'agent_restricted',
    'AGENT_DEMO',
    'agent_demo ',
    ' agent_demo',
    'agent_demo\r\nX-Injected: 1',
    'agent_demo\u0000',
    'agent_dem\u043e',
    '../agent_demo',
  ]) {
    test(`create with ${JSON.stringify(agent)}: 403`, async () => {
      const body = JSON.stringify({ agent_id: agent });
      await expectRefused(new Request(`${MOUNT}/conversations`, { method: 'POST', body }), 403);
    });
    test(`voice for ${JSON.stringify(agent)}: 403`, async () => {
      const path = `/agents/${encodeURIComponent(agent)}/voice`;
      await expectRefused(new Request(MOUNT + path, { method: 'POST' }), 403);
    });
  }
});
