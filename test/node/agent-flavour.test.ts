// The control API that picks which LiveKit Agents framework the scripted agent imitates.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());

async function choose(body: unknown): Promise<{ status: number; detail?: string }> {
  const response = await fetch(`${emulator.url}/control/livekit/agent-flavour`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { detail?: string };
  return { status: response.status, ...answer };
}

async function flavourOf(room: string): Promise<string> {
  const response = await fetch(`${emulator.url}/control/livekit/agent-flavour?room=${room}`);
  return ((await response.json()) as { flavour: string }).flavour;
}

test('chooses a flavour for every room or for one; reset goes back to node', async () => {
  assert.equal(await flavourOf('conv_a'), 'node');
  await choose({ flavour: 'python' });
  await choose({ flavour: 'node', room: 'conv_a' });
  assert.equal(await flavourOf('conv_a'), 'node');
  assert.equal(await flavourOf('conv_b'), 'python');
  await fetch(`${emulator.url}/control/reset`, { method: 'POST' });
  assert.equal(await flavourOf('conv_b'), 'node');
});

test('refuses a flavour it does not know, with a clear error', async () => {
  const answer = await choose({ flavour: 'rust' });
  assert.equal(answer.status, 400);
  assert.match(answer.detail ?? '', /"flavour" must be one of node, python/);
  assert.equal(await flavourOf('conv_a'), 'node');
});
