// The route's optional feedback hook (issue 14): POST /conversations/{id}/feedback hands the
// visitor's feedback to the site's onFeedback, for the visitor's own conversations only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import {
  createKrosaiHandler,
  type KrosaiFeedback,
  type KrosaiHandler,
} from '../../src/server/index.js';

const MOUNT = 'https://site.example/api/krosai';

let emulator: RunningEmulator;
const received: KrosaiFeedback[] = [];
let withHook: KrosaiHandler;
let withoutHook: KrosaiHandler;

before(async () => {
  emulator = await startEmulator();
  const options = {
    apiKey: emulator.apiKey,
    apiBase: emulator.url,
    agents: ['agent_demo'],
    secret: 'a test secret that is long enough',
  };
  withHook = createKrosaiHandler({
    ...options,
    onFeedback: (feedback) => void received.push(feedback),
  });
  withoutHook = createKrosaiHandler(options);
});
after(() => emulator.stop());

async function conversation() {
  const response = await withHook(
    new Request(`${MOUNT}/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent_id: 'agent_demo' }),
    }),
  );
  assert.equal(response.status, 201);
  return (await response.json()) as { id: string; handle: string };
}

const post = (handler: KrosaiHandler, id: string, handle: string, body: unknown) =>
  handler(
    new Request(`${MOUNT}/conversations/${id}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Krosai-Handle': handle },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

describe('feedback route', () => {
  test('hands thumbs and ratings to onFeedback, for the conversation in the path', async () => {
    const { id, handle } = await conversation();
    received.length = 0;
    const thumbs = await post(withHook, id, handle, {
      kind: 'message',
      conversationId: 'another-one',
      messageId: 'm1',
      value: 'up',
      text: 'Hello',
    });
    assert.equal(thumbs.status, 204);
    const rating = await post(withHook, id, handle, {
      kind: 'rating',
      conversationId: id,
      rating: 4,
    });
    assert.equal(rating.status, 204);
    assert.deepEqual(received, [
      { kind: 'message', conversationId: id, messageId: 'm1', value: 'up', text: 'Hello' },
      { kind: 'rating', conversationId: id, rating: 4 },
    ]);
  });

  test('refuses someone else’s conversation, bad bodies, and answers 404 without a hook', async () => {
    const { id, handle } = await conversation();
    const other = await conversation();
    received.length = 0;
    assert.equal(
      (await post(withHook, id, other.handle, { kind: 'rating', rating: 3 })).status,
      403,
    );
    for (const body of [
      'not json',
      [],
      { kind: 'rating', rating: 6 },
      { kind: 'rating', rating: 2.5 },
      { kind: 'message', messageId: '', value: 'up' },
      { kind: 'message', messageId: 'm', value: 'sideways' },
      { kind: 'other' },
    ]) {
      assert.equal((await post(withHook, id, handle, body)).status, 400, JSON.stringify(body));
    }
    assert.equal((await post(withHook, id, handle, 'x'.repeat(70_000))).status, 413);
    assert.equal((await post(withoutHook, id, handle, { kind: 'rating', rating: 3 })).status, 404);
    assert.deepEqual(received, []);
  });

  test('a hook that throws answers 500, and onError hears of it', async () => {
    const errors: unknown[] = [];
    const failing = createKrosaiHandler({
      apiKey: emulator.apiKey,
      apiBase: emulator.url,
      agents: ['agent_demo'],
      secret: 'a test secret that is long enough',
      onFeedback: () => {
        throw new Error('analytics down');
      },
      onError: (error) => errors.push(error),
    });
    const { id, handle } = await conversation();
    assert.equal((await post(failing, id, handle, { kind: 'rating', rating: 5 })).status, 500);
    assert.equal(errors.length, 1);
  });
});
