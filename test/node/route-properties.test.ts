// Property tests (fast-check) of the backend route (src/server/) against random upstream answers:
// any status (odd ones included), any headers, bodies that are JSON of any shape, hostile keys,
// truncated or not JSON at all. Whatever KrosAI (or what stands in its place) answers, the route
// answers: a valid status, a JSON body of the promised shape or `{error, code}`, never the key,
// never a rejection, and no prototype polluted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { createKrosaiHandler } from '../../src/server/index.js';

const API_KEY = 'kros_property_secret_key';
const SECRET = 'a property test secret, long enough';
const MOUNT = 'https://site.example/api/krosai';
/** A fixed seed, so every run gives the same verdict (FC_SEED=<n> explores others). */
const RUNS = { numRuns: 200, seed: Number(process.env.FC_SEED ?? 16) };

const validConversation = {
  id: 'c_1',
  agent_id: 'agent_demo',
  title: 'Hi',
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
};

/** Values that broke parsers somewhere: wrong types, hostile keys, template shapes. */
const hostileJson = fc.oneof(
  fc.jsonValue(),
  fc.constant({ ...validConversation }),
  fc
    .record({
      key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
      value: fc.jsonValue(),
    })
    .map(({ key, value }) => JSON.parse(`{"${key}": ${JSON.stringify(value)}, "id": "c_1"}`)),
  fc
    .record({ field: fc.constantFrom(...Object.keys(validConversation)), value: fc.jsonValue() })
    .map(({ field, value }) => ({ ...validConversation, [field]: value })),
  fc.array(
    fc.oneof(
      fc.jsonValue(),
      fc.record({
        id: fc.oneof(fc.string(), fc.jsonValue()),
        role: fc.constantFrom('user', 'assistant', 'system', 'tool', 42),
        content: fc.oneof(fc.string(), fc.jsonValue()),
        created_at: fc.oneof(fc.constant('2026-01-01T00:00:00Z'), fc.jsonValue()),
      }),
    ),
    { maxLength: 8 },
  ),
);

const body = fc.oneof(
  hostileJson.map((value) => JSON.stringify(value)),
  hostileJson.map((value) => JSON.stringify(value).slice(0, -1)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', '<html><body>Bad gateway</body></html>', 'null', '{"detail": 42}'),
);

const answer = fc.record({
  status: fc.oneof(
    fc.integer({ min: 200, max: 599 }),
    fc.constantFrom(100, 103, 199, 300, 301, 302, 307, 600, 999, 0),
  ),
  body,
  retryAfter: fc.option(fc.oneof(fc.string(), fc.integer({ min: -5, max: 1e9 }).map(String))),
  contentType: fc.constantFrom('application/json', 'text/html', 'text/plain', ''),
});

type Answer = { status: number; body: string; retryAfter: string | null; contentType: string };

/**
 * What fetch would give: a real Response where the status allows one, otherwise an object with
 * the same surface (a custom `fetch` or a proxy may hand over statuses Response refuses).
 */
function upstreamResponse({ status, body, retryAfter, contentType }: Answer): Response {
  const headers = new Headers();
  if (contentType) headers.set('content-type', contentType);
  if (retryAfter !== null) headers.set('retry-after', retryAfter);
  if (status >= 200 && status <= 599 && ![204, 205, 304].includes(status)) {
    return new Response(body, { status, headers });
  }
  const real = new Response(body);
  return Object.assign(Object.create(Response.prototype), {
    status,
    ok: status >= 200 && status < 300,
    type: 'basic',
    headers,
    body: real.body,
    text: () => real.text(),
  }) as Response;
}

const OPERATIONS = [
  () =>
    new Request(`${MOUNT}/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent_id: 'agent_demo' }),
    }),
  () => new Request(`${MOUNT}/agents/agent_demo/voice`, { method: 'POST' }),
];

describe('the route over random upstream answers, property-based', () => {
  test('always answers a valid status with a JSON body of the promised shape or {error, code}, never the key', async () => {
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom(0, 1), async (upstream, operation) => {
        const handler = createKrosaiHandler({
          apiKey: API_KEY,
          agents: ['agent_demo'],
          secret: SECRET,
          apiBase: 'https://krosai.invalid',
          fetch: async () => upstreamResponse(upstream),
        });
        const response = await handler(OPERATIONS[operation]!());
        assert.ok(response.status >= 200 && response.status <= 599, `status ${response.status}`);
        const text = await response.text();
        assert.ok(!text.includes(API_KEY), 'the key reached the answer');
        response.headers.forEach((value) => {
          assert.ok(!value.includes(API_KEY), 'the key reached a header');
        });
        const json = JSON.parse(text) as Record<string, unknown>;
        if (response.ok) {
          const keys = operation === 0 ? ['id', 'agent_id', 'handle'] : ['room_name', 'token'];
          for (const key of keys) assert.equal(typeof json[key], 'string', key);
        } else {
          assert.equal(typeof json['error'], 'string');
          assert.equal(typeof json['code'], 'string');
        }
        assert.deepEqual(Object.keys(Object.prototype), [], 'a prototype was polluted');
      }),
      RUNS,
    );
  });

  test('serves the good messages of any transcript, each as the route promises, and nothing else', async () => {
    const signer = createKrosaiHandler({
      apiKey: API_KEY,
      agents: ['agent_demo'],
      secret: SECRET,
      apiBase: 'https://krosai.invalid',
      fetch: async () => Response.json(validConversation, { status: 201 }),
    });
    const created = (await (await signer(OPERATIONS[0]!())).json()) as { handle: string };
    await fc.assert(
      fc.asyncProperty(hostileJson, async (messages) => {
        const handler = createKrosaiHandler({
          apiKey: API_KEY,
          agents: ['agent_demo'],
          secret: SECRET,
          apiBase: 'https://krosai.invalid',
          fetch: async () => Response.json(messages),
        });
        const response = await handler(
          new Request(`${MOUNT}/conversations/c_1/messages`, {
            headers: { 'X-Krosai-Handle': created.handle },
          }),
        );
        const json = (await response.json()) as unknown;
        if (!Array.isArray(messages)) {
          assert.equal(response.status, 502);
          return;
        }
        assert.equal(response.status, 200);
        assert.ok(Array.isArray(json));
        for (const message of json as Record<string, unknown>[]) {
          assert.ok(message['role'] === 'user' || message['role'] === 'assistant');
          assert.equal(typeof message['id'], 'string');
          assert.equal(typeof message['content'], 'string');
        }
        const good = messages.filter(
          (m) =>
            typeof m === 'object' &&
            m !== null &&
            !Array.isArray(m) &&
            (m.role === 'user' || m.role === 'assistant') &&
            typeof m.id === 'string' &&
            m.id !== '' &&
            (typeof m.content === 'string' || m.content === undefined || m.content === null),
        );
        assert.ok((json as unknown[]).length <= good.length, 'a bad message was served');
      }),
      RUNS,
    );
  });
});
