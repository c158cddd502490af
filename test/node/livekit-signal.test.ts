// The LiveKit signalling endpoint survives clients that vanish mid-handshake or send garbage.
// (Browsers queue WebSockets per host, so these are raw sockets from Node rather than a page.)
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { JoinRequest, SignalResponse, WrappedJoinRequest } from '@livekit/protocol';
import WebSocket from 'ws';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { DEFAULT_LIVEKIT_CREDENTIALS, mintRoomToken } from '../../emulator/livekit/tokens.js';

let emulator: RunningEmulator;
before(async () => {
  // Raw signalling only: the light scripted agent, not the real framework.
  emulator = await startEmulator({ agentKind: 'scripted' });
});
after(() => emulator.stop());

async function signalPath(identity: string): Promise<string> {
  const token = await mintRoomToken(DEFAULT_LIVEKIT_CREDENTIALS, 'node-room', identity, 60);
  const joinRequest = new JoinRequest({ metadata: 'raw client' }).toBinary();
  const wrapped = Buffer.from(new WrappedJoinRequest({ joinRequest }).toBinary());
  return `/rtc/v1?access_token=${token}&join_request=${wrapped.toString('base64url')}`;
}

function upgradeRequest(path: string): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
    'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'
  );
}

/** Writes `bytes` on a raw TCP connection and destroys it at once. */
function writeAndVanish(bytes: string): Promise<void> {
  const { hostname, port } = new URL(emulator.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(bytes);
      socket.destroy();
      resolve();
    });
    socket.on('error', () => resolve());
  });
}

/** Opens a signalling WebSocket and resolves with the first response's kind. */
function firstResponse(path: string): Promise<{ socket: WebSocket; kind: string | undefined }> {
  const socket = new WebSocket(emulator.url.replace(/^http/, 'ws') + path);
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => {
      const kind = SignalResponse.fromBinary(data as Buffer).message.case;
      resolve({ socket, kind });
    });
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

test('survives clients that vanish in the middle of the upgrade', async () => {
  const request = upgradeRequest(await signalPath('vanishing'));
  await writeAndVanish(request.slice(0, 60));
  await writeAndVanish(request);
  const { socket, kind } = await firstResponse(await signalPath('after-vanishing'));
  assert.equal(kind, 'join');
  socket.close();
});

test('survives garbage frames and keeps serving', async () => {
  const { socket, kind } = await firstResponse(await signalPath('rude'));
  assert.equal(kind, 'join');
  socket.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]));
  socket.send('text is not a signal');
  socket.send(Buffer.alloc(100_000, 0xab));
  socket.terminate();
  const next = await firstResponse(await signalPath('polite'));
  assert.equal(next.kind, 'join');
  next.socket.close();
});

test('refuses a bad token with 401 before the upgrade', async () => {
  const path = (await signalPath('forger')).replace(/access_token=[^&]+/, 'access_token=nope');
  await assert.rejects(firstResponse(path), /HTTP 401/);
});
