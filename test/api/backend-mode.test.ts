import { expect } from '@open-wc/testing';
import { createKrosaiApi } from '../../src/api/create-api.js';
import { control, resetEmulator } from '../helpers/emulator.js';
import {
  AGENT,
  backendApi,
  expectApiError,
  fault,
  intoRouteHandler,
  pendingFaults,
  SESSION_URL,
} from './api-helpers.js';

describe('api, backend mode (session-url → the site route → KrosAI)', () => {
  beforeEach(resetEmulator);

  it('creates a conversation and gets a handle with it', async () => {
    const api = await backendApi();
    const conversation = await api.createConversation({ agentId: AGENT, title: 'From the page' });
    expect(conversation).to.include({ agentId: AGENT, title: 'From the page', status: 'active' });
    expect(conversation.roomUrl).to.match(/^ws:\/\//);
    expect(conversation.token).to.be.a('string');
    expect(conversation.handle).to.match(/^v1\.\d+\./);
    expect(conversation.createdAt).to.be.instanceOf(Date);
  });

  it('gets the conversation with a fresh token, keeping the handle', async () => {
    const api = await backendApi();
    const created = await api.createConversation({ agentId: AGENT });
    const fetched = await api.getConversation({ id: created.id, handle: created.handle });
    expect(fetched).to.include({ id: created.id, status: 'active', handle: created.handle });
    expect(fetched.token).to.be.a('string');
  });

  it('gets the messages without the system prompt', async () => {
    const api = await backendApi();
    const { id, handle } = await api.createConversation({ agentId: AGENT });
    await control(`/control/conversations/${id}/messages`, { role: 'user', content: 'Bonjour' });
    const messages = await api.getMessages({ id, handle });
    expect(messages.map((m) => [m.role, m.content])).to.deep.equal([['user', 'Bonjour']]);
  });

  it('refuses an agent the site does not offer', async () => {
    const api = await backendApi();
    await expectApiError(api.createConversation({ agentId: 'agent_restricted' }), 'forbidden');
  });

  it("another visitor's conversation is forbidden, with or without their id", async () => {
    const mine = await (await backendApi()).createConversation({ agentId: AGENT });
    const theirs = await (await backendApi()).createConversation({ agentId: AGENT });
    const api = await backendApi();
    await expectApiError(api.getConversation({ id: theirs.id, handle: mine.handle }), 'forbidden');
    await expectApiError(api.getMessages({ id: theirs.id, handle: mine.handle }), 'forbidden');
    await expectApiError(api.getMessages({ id: theirs.id }), 'forbidden');
  });

  it('a forged or tampered handle is forbidden', async () => {
    const api = await backendApi();
    const { id, handle } = await api.createConversation({ agentId: AGENT });
    const [version, issuedAt, signature] = handle!.split('.') as [string, string, string];
    const tampered = `${version}.${issuedAt}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered, `${version}.${Number(issuedAt) - 60}.${signature}`, 'v1.0.AAAA']) {
      const error = await expectApiError(api.getConversation({ id, handle: bad }), 'forbidden');
      expect(error.status).to.equal(403);
    }
  });

  it('a handle from a site with another secret is forbidden here', async () => {
    const elsewhere = await backendApi({}, { secret: 'a different site secret, also long' });
    const { id, handle } = await elsewhere.createConversation({ agentId: AGENT });
    const here = await backendApi();
    await expectApiError(here.getConversation({ id, handle }), 'forbidden');
  });

  it("KrosAI's failures reach the page with their reason, and GETs are retried through the route", async () => {
    const api = await backendApi({ retries: 3 });
    const { id, handle } = await api.createConversation({ agentId: AGENT });
    await fault('GET /v1/conversations/:id', { status: 503, count: 2 });
    expect((await api.getConversation({ id, handle })).id).to.equal(id);
    expect(await pendingFaults()).to.deep.equal([]);

    // KrosAI answered garbage to the route: the route says 502, its code says why.
    await fault('POST /v1/conversations', { status: 200, body: '<html>oops</html>' });
    const error = await expectApiError(api.createConversation({ agentId: AGENT }), 'server');
    expect(error).to.include({ status: 502, code: 'bad-response' });

    await fault('GET /v1/conversations/:id/messages', { status: 404, count: 1 });
    await expectApiError(api.getMessages({ id, handle }), 'not-found');
  });

  it('every failure reason reaches the page through the route', async () => {
    const wrongKey = await backendApi({}, { apiKey: 'kros_test_wrong' });
    await expectApiError(wrongKey.createConversation({ agentId: AGENT }), 'unauthorized');

    const api = await backendApi({ retries: 0 });
    const long = 'x'.repeat(500);
    await expectApiError(api.createConversation({ agentId: AGENT, title: long }), 'bad-request');

    const { id, handle } = await api.createConversation({ agentId: AGENT });
    await fault('GET /v1/conversations/:id', { status: 429, headers: { 'Retry-After': '9' } });
    const limited = await expectApiError(api.getConversation({ id, handle }), 'rate-limited');
    expect(limited.retryAfterMs).to.equal(9_000);

    await fault('GET /v1/conversations/:id', { delayMs: 3_000 });
    await expectApiError(api.getConversation({ id, handle }, { timeoutMs: 200 }), 'timeout');

    await fault('GET /v1/conversations/:id', { delayMs: 3_000 });
    const controller = new AbortController();
    const call = api.getConversation({ id, handle }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expectApiError(call, 'aborted');

    const nowhere = createKrosaiApi({ sessionUrl: 'http://127.0.0.1:1/api/krosai', retries: 0 });
    await expectApiError(nowhere.getConversation({ id, handle }), 'network');
  });

  it('a route that answers garbage is a bad-response, not a crash', async () => {
    const answers = [
      new Response('{"id": "c1", "agent_id": "a"', { status: 201 }),
      new Response('<html>Site maintenance</html>', {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
      }),
      new Response('', { status: 201 }),
      new Response('{"id": "c1", "agent_id": "a", "status": ["active"]}', { status: 201 }),
    ];
    for (const answer of answers) {
      const api = createKrosaiApi({ sessionUrl: SESSION_URL, fetch: async () => answer });
      await expectApiError(api.createConversation({ agentId: AGENT }), 'bad-response');
    }
  });

  it('talks to the documented paths under session-url, with the handle in X-Krosai-Handle', async () => {
    const seen: string[] = [];
    const route = await intoRouteHandler();
    const api = createKrosaiApi({
      sessionUrl: 'https://site.example/api/krosai/',
      fetch: (input, init) => {
        const handle = new Headers(init?.headers).get('X-Krosai-Handle') ?? '-';
        seen.push(`${init?.method} ${String(input)} ${handle}`);
        return route(input, init);
      },
    });
    const { id, handle } = await api.createConversation({ agentId: AGENT });
    await api.getConversation({ id, handle });
    await api.getMessages({ id, handle });
    const base = 'https://site.example/api/krosai';
    expect(seen).to.deep.equal([
      `POST ${base}/conversations -`,
      `GET ${base}/conversations/${id} ${handle}`,
      `GET ${base}/conversations/${id}/messages ${handle}`,
    ]);
  });
});
