import { expect } from '@open-wc/testing';
import { createKrosaiApi } from '../../src/api/create-api.js';
import { control, emulatorInfo, krosaiFetch, resetEmulator } from '../helpers/emulator.js';
import {
  AGENT,
  devApi,
  existingConversationId,
  expectApiError,
  fault,
  routeClient,
} from './api-helpers.js';

const GET_ONE = 'GET /v1/conversations/:id';
const CREATE = 'POST /v1/conversations';

describe('api errors: every reason', () => {
  beforeEach(resetEmulator);

  it('forbidden: an agent the key may not use', async () => {
    const api = await devApi();
    const error = await expectApiError(
      api.createConversation({ agentId: 'agent_restricted' }),
      'forbidden',
    );
    expect(error.status).to.equal(403);
  });

  it("forbidden: another account's conversation", async () => {
    const { extraApiKeys } = await emulatorInfo();
    const response = await krosaiFetch('/v1/conversations', {
      method: 'POST',
      body: JSON.stringify({ agent_id: AGENT }),
      apiKey: extraApiKeys[0],
    });
    const { id } = (await response.json()) as { id: string };
    const api = await devApi();
    await expectApiError(api.getConversation({ id }), 'forbidden');
    await expectApiError(api.getMessages({ id }), 'forbidden');
  });

  it('not-found: an unknown conversation or agent', async () => {
    const api = await devApi({ retries: 0 });
    const error = await expectApiError(
      api.getConversation({ id: 'no_such_conversation' }),
      'not-found',
    );
    expect(error.status).to.equal(404);
    await expectApiError(api.getMessages({ id: 'no_such_conversation' }), 'not-found');
    await expectApiError((await routeClient()).startVoiceSession('agent_unknown'), 'not-found');
  });

  it('rate-limited: 429, with the server detail and Retry-After', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, {
      status: 429,
      headers: { 'Retry-After': '30' },
      body: '{"detail": "Slow down"}',
    });
    const api = await devApi({ retries: 0 });
    const error = await expectApiError(api.getConversation({ id }), 'rate-limited');
    expect(error).to.include({ status: 429, detail: 'Slow down', retryAfterMs: 30_000 });
  });

  it('server: 5xx, reading {"error", "code"} bodies', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, {
      status: 500,
      body: '{"error": "Database down", "code": "db_unavailable"}',
    });
    const api = await devApi({ retries: 0 });
    const error = await expectApiError(api.getConversation({ id }), 'server');
    expect(error).to.include({ status: 500, detail: 'Database down', code: 'db_unavailable' });
  });

  it('server: an HTML error page gives no detail (markup is never passed along)', async () => {
    await fault(CREATE, {
      status: 502,
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    });
    const api = await devApi();
    const error = await expectApiError(api.createConversation({ agentId: AGENT }), 'server');
    expect(error.status).to.equal(502);
    expect(error.detail).to.equal(undefined);
    expect(error.message).to.not.contain('<');
  });

  it('bad-request: 400 and 422, reading FastAPI validation lists', async () => {
    await fault(CREATE, {
      status: 422,
      body: '{"detail": [{"loc": ["body", "agent_id"], "msg": "field required"}]}',
    });
    const api = await devApi();
    const error = await expectApiError(api.createConversation({ agentId: AGENT }), 'bad-request');
    expect(error).to.include({ status: 422, detail: 'field required' });
  });

  it('network: the connection drops', async () => {
    await fault(CREATE, { drop: true });
    const api = await devApi();
    await expectApiError(api.createConversation({ agentId: AGENT }), 'network');
  });

  it('network: nothing listens', async () => {
    const api = createKrosaiApi({
      apiKey: 'kros_test_x',
      apiBase: 'http://127.0.0.1:1',
      retries: 0,
    });
    await expectApiError(api.getConversation({ id: 'c' }), 'network');
  });

  it('timeout: the server answers later than timeoutMs', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, { delayMs: 3_000 });
    const api = await devApi({ timeoutMs: 200, retries: 0 });
    await expectApiError(api.getConversation({ id }), 'timeout');
  });

  it('timeout: per call, through CallOptions', async () => {
    await fault(CREATE, { delayMs: 3_000 });
    const api = await devApi();
    await expectApiError(api.createConversation({ agentId: AGENT }, { timeoutMs: 200 }), 'timeout');
  });

  it('aborted: the signal aborts during the request', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, { delayMs: 3_000 });
    const api = await devApi();
    const controller = new AbortController();
    const call = api.getConversation({ id }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expectApiError(call, 'aborted');
  });

  it('aborted: an already aborted signal sends nothing', async () => {
    const api = await devApi();
    await expectApiError(
      api.createConversation({ agentId: AGENT }, { signal: AbortSignal.abort() }),
      'aborted',
    );
    const state = await control<{ conversations: unknown[] }>('/control/state', undefined, 'GET');
    expect(state.conversations).to.have.length(0);
  });

  it('aborted: the signal aborts while waiting to retry', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, { status: 503, headers: { 'Retry-After': '1' } });
    const api = await devApi();
    const controller = new AbortController();
    const call = api.getConversation({ id }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expectApiError(call, 'aborted');
  });
});

describe('api errors: malformed bodies are bad-response', () => {
  beforeEach(resetEmulator);

  const cases: [string, string][] = [
    ['truncated JSON', '{"id": "c_1", "agent_id": "agent_demo", "sta'],
    ['an HTML page with status 200', '<!doctype html><html><body>Welcome</body></html>'],
    ['an empty body', ''],
    ['wrong types', '{"id": "c_1", "agent_id": "agent_demo", "status": 1}'],
    ['a missing id', '{"agent_id": "agent_demo", "status": "active"}'],
    [
      'a token that is not a string',
      '{"id": "c", "agent_id": "a", "status": "active", "token": 5}',
    ],
    ['an array instead of an object', '[{"id": "c_1"}]'],
    ['JSON null', 'null'],
  ];
  for (const [name, body] of cases) {
    it(`${name} on create`, async () => {
      await fault(CREATE, { status: 200, body });
      const api = await devApi();
      const error = await expectApiError(
        api.createConversation({ agentId: AGENT }),
        'bad-response',
      );
      expect(error.status === undefined || error.status === 200).to.equal(true);
    });
  }

  it('a message list that is not a list; a message of the wrong shape is left out alone', async () => {
    const id = await existingConversationId();
    const api = await devApi({ retries: 0 });
    const route = 'GET /v1/conversations/:id/messages';
    await fault(route, { status: 200, body: '{"messages": []}' });
    await expectApiError(api.getMessages({ id }), 'bad-response');
    const good = '{"id": "ok", "role": "assistant", "content": "kept"}';
    for (const bad of [
      '{"id": "m", "role": "user", "content": 3}',
      '{"id": "m", "content": "x"}',
    ]) {
      await fault(route, { status: 200, body: `[${bad}, ${good}]` });
      const messages = await api.getMessages({ id });
      expect(messages.map((message) => message.content)).to.deep.equal(['kept']);
    }
  });

  it('a voice session without a token', async () => {
    await fault('POST /v1/agents/:id/voice', {
      status: 200,
      body: '{"room_name": "r", "room_url": "ws://x"}',
    });
    const api = await routeClient();
    await expectApiError(api.startVoiceSession(AGENT), 'bad-response');
  });
});
