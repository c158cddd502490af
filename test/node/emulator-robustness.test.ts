// The emulator survives garbage: bytes that are not HTTP, half-sent requests, bad WebSocket paths.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());

/** Opens a raw TCP connection, writes `bytes`, and resolves with what came back before close. */
function raw(bytes: string, closeAfterWrite = false): Promise<string> {
  const { hostname, port } = new URL(emulator.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(bytes);
      if (closeAfterWrite) socket.destroy();
    });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(received));
  });
}

async function stillServes() {
  const response = await fetch(`${emulator.url}/v1/agents`, {
    headers: { 'x-api-key': emulator.apiKey },
  });
  assert.equal(response.status, 200);
}

test('answers bytes that are not HTTP with 400', async () => {
  assert.match(await raw('\x00\x01garbage\r\n\r\n'), /^HTTP\/1\.1 400/);
  await stillServes();
});

test('survives a client that closes in the middle of a request body', async () => {
  const head =
    'POST /v1/conversations HTTP/1.1\r\nhost: x\r\nx-api-key: kros_test_emulator\r\n' +
    'content-type: application/json\r\ncontent-length: 500\r\n\r\n{"agent_id":';
  assert.equal(await raw(head, true), '');
  await stillServes();
});

test('survives a client that closes in the middle of the headers', async () => {
  await raw('GET /v1/agents HTTP/1.1\r\nhost: x\r\nx-api', true);
  await stillServes();
});

test('refuses a WebSocket upgrade on a path that is not LiveKit', async () => {
  const answer = await raw(
    'GET /nowhere HTTP/1.1\r\nhost: x\r\nconnection: Upgrade\r\nupgrade: websocket\r\n' +
      'sec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
  assert.match(answer, /^HTTP\/1\.1 404/);
  await stillServes();
});

test('refuses a WebSocket upgrade whose target is not a valid URL path', async () => {
  const answer = await raw(
    'GET // HTTP/1.1\r\nhost: x\r\nconnection: Upgrade\r\nupgrade: websocket\r\n' +
      'sec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
  assert.match(answer, /^HTTP\/1\.1 404/);
  await stillServes();
});

test('answers an oversized body with 413', async () => {
  const response = await fetch(`${emulator.url}/v1/conversations`, {
    method: 'POST',
    headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ agent_id: 'agent_demo', title: 'x'.repeat(2 * 1024 * 1024) }),
  }).catch((error: unknown) => error);
  // The server may close before the client finished sending; either way it must live on.
  if (response instanceof Response) assert.equal(response.status, 413);
  await stillServes();
});
