// toNodeHandler mounts the Fetch-API route in node:http and Connect/Express-style middleware
// stacks; demo/backend.ts is such a mount. Real HTTP servers, an in-process emulator as KrosAI.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createDemoBackend } from '../../demo/backend.js';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { createKrosaiHandler, toNodeHandler } from '../../src/server/index.js';

const SECRET = 'a test secret that is long enough';
let emulator: RunningEmulator;
const servers: Server[] = [];

before(async () => {
  emulator = await startEmulator();
});
after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await emulator.stop();
});

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(listener: Listener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function handler() {
  return createKrosaiHandler({
    apiKey: emulator.apiKey,
    apiBase: emulator.url,
    agents: ['agent_demo'],
    secret: SECRET,
  });
}

/** A minimal Connect-style stack: each middleware gets `next`; the last answers 404 "fallthrough". */
function stack(
  ...middlewares: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void)[]
) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const run = (index: number): void => {
      const middleware = middlewares[index];
      if (!middleware) {
        res.statusCode = 404;
        res.end('fallthrough');
        return;
      }
      middleware(req, res, () => run(index + 1));
    };
    run(0);
  };
}

async function createAndRead(base: string) {
  const createResponse = await fetch(`${base}/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agent_id: 'agent_demo', title: 'Über Node' }),
  });
  assert.equal(createResponse.status, 201);
  const conversation = await createResponse.json();
  assert.equal(conversation.title, 'Über Node');
  const read = await fetch(`${base}/conversations/${conversation.id}/messages`, {
    headers: { 'x-krosai-handle': conversation.handle },
  });
  assert.equal(read.status, 200);
  assert.deepEqual(await read.json(), []);
  const forged = await fetch(`${base}/conversations/${conversation.id}`, {
    headers: { 'x-krosai-handle': 'v1.1.forged' },
  });
  assert.equal(forged.status, 403);
}

test('node:http with a basePath serves under it and 404s elsewhere', async () => {
  const origin = await serve(toNodeHandler(handler(), { basePath: '/api/krosai/' }));
  await createAndRead(`${origin}/api/krosai`);
  const elsewhere = await fetch(`${origin}/other/conversations`, { method: 'POST' });
  assert.equal(elsewhere.status, 404);
  assert.equal(await elsewhere.text(), 'Not found');
});

test('as middleware it passes other paths to next', async () => {
  const origin = await serve(stack(toNodeHandler(handler(), { basePath: '/api/krosai' })));
  await createAndRead(`${origin}/api/krosai`);
  const other = await fetch(`${origin}/index.html`);
  assert.equal(other.status, 404);
  assert.equal(await other.text(), 'fallthrough');
});

test('behind a body parser (Express style: req.body already read) it still reads the body', async () => {
  const jsonParser = (req: IncomingMessage, _res: ServerResponse, next: () => void) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      (req as IncomingMessage & { body?: unknown }).body = text ? JSON.parse(text) : {};
      next();
    });
  };
  const origin = await serve(stack(jsonParser, toNodeHandler(handler())));
  await createAndRead(`${origin}/api/krosai`);
});

test('behind a parser that skipped the body (set req.body = {} without reading) it reads the stream', async () => {
  const skippingParser = (req: IncomingMessage, _res: ServerResponse, next: () => void) => {
    (req as IncomingMessage & { body?: unknown }).body = {};
    next();
  };
  const origin = await serve(stack(skippingParser, toNodeHandler(handler())));
  await createAndRead(`${origin}/api/krosai`);
});

test('an oversized body is refused with 413 before the handler runs', async () => {
  const origin = await serve(toNodeHandler(handler()));
  const response = await fetch(`${origin}/conversations`, {
    method: 'POST',
    body: JSON.stringify({ agent_id: 'agent_demo', title: 'x'.repeat(100_000) }),
  });
  assert.equal(response.status, 413);
});

test("the demo backend mounts the route at /api/krosai and leaves the rest to the demo's server", async () => {
  const backend = createDemoBackend({
    apiBase: emulator.url,
    apiKey: emulator.apiKey,
    agents: ['agent_demo'],
    secret: SECRET,
  });
  const origin = await serve(stack(backend));
  await createAndRead(`${origin}/api/krosai`);
  assert.equal(await (await fetch(`${origin}/demo/`)).text(), 'fallthrough');
});
