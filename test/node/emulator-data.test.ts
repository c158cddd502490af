// `--data FILE`: conversations and messages survive a restart of the emulator.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startEmulator } from '../../emulator/index.js';

const directory = mkdtempSync(join(tmpdir(), 'krosai-emulator-'));
after(() => rmSync(directory, { recursive: true, force: true }));

async function call(url: string, path: string, init: RequestInit = {}) {
  const response = await fetch(url + path, {
    ...init,
    headers: { authorization: 'Bearer kros_test_emulator', 'content-type': 'application/json' },
  });
  return { status: response.status, body: await response.json() };
}

test('conversations and messages persist across a restart', async () => {
  const dataFile = join(directory, 'state.json');
  const first = await startEmulator({ dataFile });
  const created = await call(first.url, '/v1/conversations', {
    method: 'POST',
    body: JSON.stringify({ agent_id: 'agent_demo', title: 'Kept' }),
  });
  assert.equal(created.status, 201);
  const id = created.body.id as string;
  await call(first.url, `/control/conversations/${id}/messages`, {
    method: 'POST',
    body: JSON.stringify({ role: 'user', content: 'Remember me' }),
  });
  await call(first.url, `/control/conversations/${id}/status`, {
    method: 'POST',
    body: JSON.stringify({ status: 'completed' }),
  });
  await first.stop();
  assert.equal(JSON.parse(readFileSync(dataFile, 'utf8')).conversations[0].id, id);

  const second = await startEmulator({ dataFile });
  try {
    const read = await call(second.url, `/v1/conversations/${id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.title, 'Kept');
    assert.equal(read.body.status, 'completed');
    const messages = await call(second.url, `/v1/conversations/${id}/messages`);
    assert.deepEqual(
      messages.body.map((m: { role: string; content: string }) => m.role),
      ['system', 'user'],
    );
    assert.equal(messages.body[1].content, 'Remember me');
  } finally {
    await second.stop();
  }
});

test('a reset empties the data file too', async () => {
  const dataFile = join(directory, 'reset.json');
  const emulator = await startEmulator({ dataFile });
  try {
    await call(emulator.url, '/v1/conversations', {
      method: 'POST',
      body: JSON.stringify({ agent_id: 'agent_demo' }),
    });
    await call(emulator.url, '/control/reset', { method: 'POST' });
    assert.deepEqual(JSON.parse(readFileSync(dataFile, 'utf8')).conversations, []);
  } finally {
    await emulator.stop();
  }
});
