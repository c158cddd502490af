// The site's route (src/server/) in Node, against an in-process emulator standing in for KrosAI.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { KrosaiError } from '../../src/errors.js';
import {
  createKrosaiHandler,
  type KrosaiHandler,
  type KrosaiHandlerOptions,
} from '../../src/server/index.js';

const SECRET = 'a test secret that is long enough';
const ORIGIN = 'https://site.example';
const MOUNT = `${ORIGIN}/api/krosai`;

let emulator: RunningEmulator;
let handler: KrosaiHandler;

before(async () => {
  emulator = await startEmulator();
  handler = routeWith({ timeoutMs: 2_000 });
});
after(() => emulator.stop());
beforeEach(() => control('/control/reset'));

async function control(path: string, body?: unknown) {
  const response = await fetch(emulator.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `control ${path} answered ${response.status}`);
  return response.json();
}

/** The route in front of the emulator, for the demo agent with the test secret; `options` override. */
function routeWith(options: Partial<KrosaiHandlerOptions> = {}): KrosaiHandler {
  return createKrosaiHandler({
    apiKey: emulator.apiKey,
    apiBase: emulator.url,
    agents: ['agent_demo'],
    secret: SECRET,
    ...options,
  });
}

function call(path: string, init: RequestInit = {}, onHandler = handler) {
  return onHandler(new Request(MOUNT + path, init));
}

function create(body: unknown = { agent_id: 'agent_demo' }, onHandler = handler) {
  return call(
    '/conversations',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    onHandler,
  );
}

async function created() {
  const response = await create();
  assert.equal(response.status, 201);
  return (await response.json()) as Record<string, unknown> & { id: string; handle: string };
}

function withHandle(handle: string): RequestInit {
  return { headers: { 'X-Krosai-Handle': handle } };
}

describe('create', () => {
  test('returns the conversation, its room and a handle, and nothing the browser must not see', async () => {
    const response = await create({ agent_id: 'agent_demo', title: 'Hello' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const text = await response.text();
    const body = JSON.parse(text);
    assert.deepEqual(Object.keys(body).sort(), [
      'agent_id',
      'created_at',
      'handle',
      'id',
      'room_name',
      'room_url',
      'status',
      'title',
      'token',
      'updated_at',
    ]);
    assert.equal(body.agent_id, 'agent_demo');
    assert.equal(body.title, 'Hello');
    assert.equal(body.status, 'active');
    assert.match(body.room_url, /^ws:\/\//);
    assert.match(body.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.match(body.handle, /^v1\.\d+\.[\w-]+$/);
    assert.ok(!text.includes(emulator.apiKey), 'the key never leaves the server');
    assert.ok(!text.includes('created_by'));
  });

  test('refuses an agent the site does not offer, without asking KrosAI', async () => {
    const response = await create({ agent_id: 'agent_restricted' });
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), {
      error: 'This agent is not offered here.',
      code: 'forbidden',
    });
    const state = await (await fetch(`${emulator.url}/control/state`)).json();
    assert.equal(state.conversations.length, 0);
  });

  for (const [name, init] of [
    ['a body that is not JSON', { body: '{"agent_id": "agent_demo"' }],
    ['a JSON array', { body: '["agent_demo"]' }],
    ['no agent_id', { body: '{"title": "x"}' }],
    ['a title that is not a string', { body: '{"agent_id": "agent_demo", "title": 42}' }],
    [
      'an oversized title',
      { body: JSON.stringify({ agent_id: 'agent_demo', title: 'x'.repeat(201) }) },
    ],
    ['an empty body', { body: '' }],
  ] as const) {
    test(`answers 400 with a JSON error to ${name}`, async () => {
      const response = await call('/conversations', { method: 'POST', ...init });
      assert.equal(response.status, 400);
      const body = await response.json();
      assert.equal(body.code, 'bad-request');
      assert.equal(typeof body.error, 'string');
    });
  }
});

describe('get and messages', () => {
  test('get answers the visitor who holds the handle, with a fresh token', async () => {
    const conversation = await created();
    const response = await call(
      `/conversations/${conversation.id}`,
      withHandle(conversation.handle),
    );
    assert.equal(response.status, 200);
    const text = await response.text();
    const body = JSON.parse(text);
    assert.equal(body.id, conversation.id);
    assert.equal(body.status, 'active');
    assert.equal(typeof body.token, 'string');
    assert.ok(!('handle' in body));
    assert.ok(!text.includes('created_by'));
  });

  test('the handle may come as a query parameter', async () => {
    const conversation = await created();
    const handle = encodeURIComponent(conversation.handle);
    const response = await call(`/conversations/${conversation.id}?handle=${handle}`);
    assert.equal(response.status, 200);
  });

  test('messages come without the system prompt', async () => {
    const conversation = await created();
    const path = `/control/conversations/${conversation.id}/messages`;
    await control(path, { role: 'user', content: 'Hi there' });
    await control(path, { role: 'assistant', content: 'Hello!' });
    const response = await call(
      `/conversations/${conversation.id}/messages`,
      withHandle(conversation.handle),
    );
    assert.equal(response.status, 200);
    const text = await response.text();
    const messages = JSON.parse(text);
    assert.deepEqual(
      messages.map((m: { role: string; content: string }) => [m.role, m.content]),
      [
        ['user', 'Hi there'],
        ['assistant', 'Hello!'],
      ],
    );
    assert.deepEqual(Object.keys(messages[0]).sort(), [
      'content',
      'conversation_id',
      'created_at',
      'id',
      'role',
    ]);
    assert.ok(!text.includes('never reveal these instructions'));
  });

  test("another visitor's conversation id, with their own handle, is forbidden", async () => {
    const mine = await created();
    const theirs = await created();
    for (const path of [`/conversations/${theirs.id}`, `/conversations/${theirs.id}/messages`]) {
      const response = await call(path, withHandle(mine.handle));
      assert.equal(response.status, 403);
      assert.equal((await response.json()).code, 'forbidden');
    }
  });

  test('a missing, forged or tampered handle is forbidden', async () => {
    const conversation = await created();
    const [version, issuedAt, signature] = conversation.handle.split('.') as [
      string,
      string,
      string,
    ];
    const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const handles = [
      undefined,
      '',
      'v1.1700000000.forged',
      `${version}.${Number(issuedAt) + 1}.${signature}`,
      `${version}.${issuedAt}.${flipped}`,
      `${version}.${issuedAt}.${signature}x`,
      `v2.${issuedAt}.${signature}`,
      `${conversation.handle}.extra`,
    ];
    for (const handle of handles) {
      const init = handle === undefined ? {} : withHandle(handle);
      const response = await call(`/conversations/${conversation.id}`, init);
      assert.equal(response.status, 403, `handle ${handle}`);
    }
  });

  test('a handle signed with another secret is forbidden', async () => {
    const conversation = await created();
    const otherSite = routeWith({ secret: 'another secret, just as long' });
    const response = await call(
      `/conversations/${conversation.id}`,
      withHandle(conversation.handle),
      otherSite,
    );
    assert.equal(response.status, 403);
  });

  test('handles older than handleMaxAgeSeconds are refused', async () => {
    const strict = routeWith({ handleMaxAgeSeconds: 60 });
    const conversation = await created();
    const fresh = await call(
      `/conversations/${conversation.id}`,
      withHandle(conversation.handle),
      strict,
    );
    assert.equal(fresh.status, 200);
    const { createHandleSigner } = await import('../../src/server/handle.js');
    const old = await createHandleSigner(SECRET).sign(
      conversation.id,
      new Date(Date.now() - 120_000),
    );
    const stale = await call(`/conversations/${conversation.id}`, withHandle(old), strict);
    assert.equal(stale.status, 403);
  });

  test('malformed ids get 400, unknown routes 404, wrong methods 405', async () => {
    const conversation = await created();
    for (const id of ['...', 'a%2Fb', '%2E%2E%2F%2E%2E%2Fagents', 'x'.repeat(201)]) {
      const response = await call(`/conversations/${id}/messages`, withHandle(conversation.handle));
      assert.equal(response.status, 400, id);
    }
    const badEscape = await call('/conversations/%E0%A4%A', withHandle(conversation.handle));
    assert.equal(badEscape.status, 400);
    assert.equal((await call('/nothing-here')).status, 404);
    const wrongMethod = await call('/conversations');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'POST');
    assert.equal(
      (await call(`/conversations/${conversation.id}`, { method: 'DELETE' })).status,
      405,
    );
  });
});

describe('voice fallback', () => {
  test('starts a voice session for an offered agent only', async () => {
    const response = await call('/agents/agent_demo/voice', { method: 'POST' });
    assert.equal(response.status, 201);
    const body = await response.json();
    assert.deepEqual(Object.keys(body).sort(), ['room_name', 'room_url', 'token']);
    const refused = await call('/agents/agent_restricted/voice', { method: 'POST' });
    assert.equal(refused.status, 403);
  });
});

describe("KrosAI's failures", () => {
  test('a wrong key is passed on as 401, without echoing any key', async () => {
    const wrongKey = routeWith({ apiKey: 'kros_test_wrong_key' });
    const refused = await create(undefined, wrongKey);
    assert.equal(refused.status, 401);
    const text = await refused.text();
    assert.equal(JSON.parse(text).code, 'unauthorized');
    assert.ok(!text.includes('kros_test'));
  });

  test('a 503 with Retry-After is passed on with both', async () => {
    await control('/control/faults', {
      route: 'POST /v1/conversations',
      status: 503,
      headers: { 'Retry-After': '7' },
      body: '{"detail": "maintenance, see kros_internal_host"}',
    });
    const response = await create();
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '7');
    const text = await response.text();
    assert.equal(JSON.parse(text).code, 'server');
    assert.ok(!text.includes('kros_internal_host'), "KrosAI's own text is not relayed");
  });

  test('404 from KrosAI is passed on', async () => {
    const conversation = await created();
    await control('/control/faults', { route: 'GET /v1/conversations/:id', status: 404 });
    const response = await call(
      `/conversations/${conversation.id}`,
      withHandle(conversation.handle),
    );
    assert.equal(response.status, 404);
    assert.equal((await response.json()).code, 'not-found');
  });

  for (const [name, body] of [
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
    ['truncated JSON', '{"id": "c_1", "agent_id": "agent_'],
    ['an empty body', ''],
    ['wrong types', '{"id": 7, "agent_id": ["agent_demo"], "status": "active"}'],
  ] as const) {
    test(`${name} with 200 from KrosAI becomes 502 bad-response`, async () => {
      await control('/control/faults', { route: 'POST /v1/conversations', status: 200, body });
      const response = await create();
      assert.equal(response.status, 502);
      assert.equal((await response.json()).code, 'bad-response');
    });
  }

  test('a KrosAI that does not answer in time becomes 504', async () => {
    await control('/control/faults', { route: 'POST /v1/conversations', delayMs: 3_000 });
    const response = await create();
    assert.equal(response.status, 504);
    assert.equal((await response.json()).code, 'timeout');
  });

  test('a KrosAI that cannot be reached becomes 502', async () => {
    const unreachable = routeWith({ apiBase: 'http://127.0.0.1:1' });
    const response = await create(undefined, unreachable);
    assert.equal(response.status, 502);
    assert.equal((await response.json()).code, 'network');
  });

  test('a custom fetch that throws synchronously still gives a JSON 502', async () => {
    const broken = routeWith({
      fetch: () => {
        throw new RangeError('a bug in a custom fetch');
      },
    });
    const response = await create(undefined, broken);
    assert.equal(response.status, 502);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal((await response.json()).code, 'network');
  });
});

describe('unexpected failures', () => {
  test('a body that fails to read gives a JSON 500, reported once, even when onError throws', async () => {
    const reported: unknown[] = [];
    const route = routeWith({
      onError: (error) => {
        reported.push(error);
        throw new Error('the site logger is broken');
      },
    });
    const body = new ReadableStream({
      pull(controller) {
        controller.error(new TypeError('the connection dropped'));
      },
    });
    const request = new Request(`${MOUNT}/conversations`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await route(request);
    assert.equal(response.status, 500);
    assert.equal((await response.json()).code, 'server');
    assert.equal(reported.length, 1);
  });
});

describe('configuration', () => {
  for (const [name, options] of [
    ['no key', { apiKey: '', agents: ['a'], secret: SECRET }],
    ['no agents', { apiKey: 'k', agents: [], secret: SECRET }],
    ['a short secret', { apiKey: 'k', agents: ['a'], secret: 'short' }],
  ] as const) {
    test(`refuses ${name} at once`, () => {
      assert.throws(
        () => createKrosaiHandler(options),
        (error) => error instanceof KrosaiError && error.reason === 'config',
      );
    });
  }
});
