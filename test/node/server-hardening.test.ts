// The route (src/server/) against upstreams that misbehave on purpose, and requests an attacker
// would send. Each upstream is a real HTTP server (or a raw socket) standing where KrosAI would.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { after, describe, test } from 'node:test';
import {
  createKrosaiHandler,
  type KrosaiHandlerOptions,
  toNodeHandler,
} from '../../src/server/index.js';

const SECRET = 'a test secret that is long enough';
const API_KEY = 'kros_test_secret_key_never_leaves';
const MOUNT = 'https://site.example/api/krosai';
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers) await close();
});

/** A real HTTP server; records every request it gets. */
async function upstream(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req);
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A TCP server that writes `answer` verbatim to every connection, for statuses http refuses. */
async function rawUpstream(answer: string) {
  const server: TcpServer = createTcpServer((socket) => {
    socket.once('data', () => socket.end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function route(apiBase: string, options: Partial<KrosaiHandlerOptions> = {}) {
  return createKrosaiHandler({
    apiKey: API_KEY,
    apiBase,
    agents: ['agent_demo'],
    secret: SECRET,
    timeoutMs: 5_000,
    ...options,
  });
}

const CONVERSATION = {
  id: 'c_1',
  agent_id: 'agent_demo',
  title: 'Hi',
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
};

function createRequest(headers: Record<string, string> = {}, body?: BodyInit) {
  return new Request(`${MOUNT}/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body ?? JSON.stringify({ agent_id: 'agent_demo' }),
    duplex: 'half',
  } as RequestInit);
}

/** An upstream answering every create with CONVERSATION; `seen` holds what reached it. */
async function workingUpstream() {
  return upstream((_req, res) => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify(CONVERSATION));
  });
}

describe('redirects', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    for (const authHeader of ['x-api-key', 'authorization'] as const) {
      test(`a ${status} to another host is not followed (${authHeader}): 502, the key stays home`, async () => {
        const elsewhere = await workingUpstream();
        const redirecting = await upstream((_req, res) => {
          res.writeHead(status, { location: `${elsewhere.url}/v1/conversations` });
          res.end();
        });
        const response = await route(redirecting.url, { authHeader })(createRequest());
        assert.equal(response.status, 502);
        assert.equal((await response.json()).code, 'upstream-redirect');
        assert.equal(redirecting.seen.length, 1);
        assert.equal(elsewhere.seen.length, 0, 'the other host was never called');
      });
    }
  }
});

describe('upstream statuses', () => {
  for (const status of [600, 999, 103, 199, 304, 300]) {
    test(`status ${status} from KrosAI becomes a 502 JSON answer, never a rejection`, async () => {
      const base = await rawUpstream(
        `HTTP/1.1 ${status} Odd\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`,
      );
      const response = await route(base)(createRequest());
      assert.equal(response.status, 502);
      assert.equal(typeof (await response.json()).code, 'string');
    });
  }
});

describe('origin', () => {
  test('a cross-site text/plain POST creates nothing and never reaches KrosAI', async () => {
    const krosai = await workingUpstream();
    const handler = route(krosai.url);
    const forged: Record<string, string>[] = [
      { Origin: 'https://evil.example', 'content-type': 'text/plain' },
      { Origin: 'null', 'content-type': 'text/plain' },
      { Origin: 'https://site.example.evil.example' },
      { 'Sec-Fetch-Site': 'cross-site', 'content-type': 'text/plain' },
    ];
    for (const headers of forged) {
      const response = await handler(createRequest(headers));
      assert.equal(response.status, 403, JSON.stringify(headers));
      assert.equal((await response.json()).code, 'forbidden');
    }
    const voice = await handler(
      new Request(`${MOUNT}/agents/agent_demo/voice`, {
        method: 'POST',
        headers: { Origin: 'https://evil.example' },
      }),
    );
    assert.equal(voice.status, 403);
    assert.equal(krosai.seen.length, 0);
  });

  test('same-origin pages, listed origins and server-to-server calls (no Origin) are served', async () => {
    const krosai = await workingUpstream();
    const handler = route(krosai.url, { allowedOrigins: ['https://www.example.com'] });
    const served: Record<string, string>[] = [
      { Origin: 'https://site.example', 'Sec-Fetch-Site': 'same-origin' },
      { Origin: 'https://www.example.com', 'Sec-Fetch-Site': 'cross-site' },
      {},
    ];
    for (const headers of served) {
      const response = await handler(createRequest(headers));
      assert.equal(response.status, 201, JSON.stringify(headers));
    }
    assert.equal(krosai.seen.length, 3);
  });

  test('behind toNodeHandler the Host header stands for the route’s own origin', async () => {
    const krosai = await workingUpstream();
    const site = await upstream(toNodeHandler(route(krosai.url)));
    const post = (origin: string) =>
      fetch(`${site.url}/conversations`, {
        method: 'POST',
        headers: { origin, 'content-type': 'text/plain' },
        body: JSON.stringify({ agent_id: 'agent_demo' }),
      });
    assert.equal((await post(site.url)).status, 201);
    assert.equal((await post('https://evil.example')).status, 403);
    assert.equal(krosai.seen.length, 1);
  });
});

describe('rate limit', () => {
  test('a refusing hook answers 429 with Retry-After, before KrosAI is called', async () => {
    const krosai = await workingUpstream();
    const asked: string[] = [];
    const handler = route(krosai.url, {
      rateLimit: (_request, operation) => {
        asked.push(operation);
        return asked.length > 1 ? { retryAfterSeconds: 30 } : undefined;
      },
    });
    assert.equal((await handler(createRequest())).status, 201);
    const refused = await handler(createRequest());
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30');
    assert.equal((await refused.json()).code, 'rate-limited');
    assert.deepEqual(asked, ['create-conversation', 'create-conversation']);
    assert.equal(krosai.seen.length, 1);
  });

  test('a hook that throws gives a JSON 500 and reaches onError', async () => {
    const krosai = await workingUpstream();
    const reported: unknown[] = [];
    const handler = route(krosai.url, {
      rateLimit: () => {
        throw new Error('the limiter is down');
      },
      onError: (error) => reported.push(error),
    });
    const response = await handler(createRequest());
    assert.equal(response.status, 500);
    assert.equal(reported.length, 1);
    assert.equal(krosai.seen.length, 0);
  });
});

describe('sizes', () => {
  test('an answer from KrosAI over the limit is refused as it streams, not read whole', async () => {
    let written = 0;
    const krosai = await upstream((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.write('{"id":"c_1","agent_id":"agent_demo","status":"active","title":"');
      const chunk = 'x'.repeat(64 * 1024);
      // Endless: only a reader that stops at a limit ever answers.
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const response = await route(krosai.url, { timeoutMs: 60_000 })(createRequest());
    assert.equal(response.status, 502);
    assert.equal((await response.json()).code, 'bad-response');
    assert.ok(written < 64 * 1024 * 1024, `${written} bytes were sent before the route stopped`);
  });

  test('a 10 MB streamed request body is refused with 413 after reading no more than the limit', async () => {
    const krosai = await workingUpstream();
    let pulled = 0;
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 10 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await route(krosai.url)(createRequest({}, body));
    assert.equal(response.status, 413);
    assert.ok(pulled <= 4 * chunk.byteLength, `${pulled} bytes were read`);
    assert.equal(krosai.seen.length, 0);
  });
});

describe('transcripts', () => {
  test('one bad message from KrosAI drops only that message', async () => {
    const krosai = await upstream((req, res) => {
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      if (req.method === 'POST') return res.end(JSON.stringify(CONVERSATION));
      res.end(
        JSON.stringify([
          { id: 'm1', role: 'user', content: 'first' },
          { id: 'm2', role: 'assistant', content: { html: '<b>' } },
          { id: null, role: 'assistant', content: 'no id' },
          'not a message',
          { id: 'm3', role: 'assistant', content: 'last' },
        ]),
      );
    });
    const handler = route(krosai.url);
    const created = await (await handler(createRequest())).json();
    const response = await handler(
      new Request(`${MOUNT}/conversations/${created.id}/messages`, {
        headers: { 'x-krosai-handle': created.handle },
      }),
    );
    assert.equal(response.status, 200);
    const messages = (await response.json()) as { id: string; content: string }[];
    assert.deepEqual(
      messages.map((m) => [m.id, m.content]),
      [
        ['m1', 'first'],
        ['m3', 'last'],
      ],
    );
  });
});

describe('methods', () => {
  test('a method Request refuses (TRACE) and unknown ones answer 405 through node:http', async () => {
    const krosai = await workingUpstream();
    const site = await upstream(toNodeHandler(route(krosai.url)));
    const { request } = await import('node:http');
    for (const method of ['TRACE', 'PROPFIND', 'PURGE', 'PUT', 'DELETE', 'OPTIONS']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${site.url}/conversations`, { method }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(status, 405, method);
    }
    assert.equal(krosai.seen.length, 0);
  });
});
