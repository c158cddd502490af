import { expect } from '@open-wc/testing';
import { resetEmulator } from '../helpers/emulator.js';
import {
  AGENT,
  devApi,
  existingConversationId,
  expectApiError,
  fault,
  pendingFaults,
} from './api-helpers.js';

const GET_ONE = 'GET /v1/conversations/:id';
const MESSAGES = 'GET /v1/conversations/:id/messages';
const CREATE = 'POST /v1/conversations';

describe('api retries', () => {
  beforeEach(resetEmulator);

  it('a GET survives two 503s and succeeds on the third attempt', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, { status: 503, count: 2 });
    const api = await devApi({ retries: 3 });
    expect((await api.getConversation({ id })).id).to.equal(id);
    expect(await pendingFaults()).to.deep.equal([]);
  });

  it('a GET survives a 429 that says Retry-After: 0 and a dropped connection', async () => {
    const id = await existingConversationId();
    await fault(MESSAGES, { status: 429, headers: { 'Retry-After': '0' } });
    await fault(MESSAGES, { drop: true });
    const api = await devApi({ retries: 3 });
    expect(await api.getMessages({ id })).to.deep.equal([]);
    expect(await pendingFaults()).to.deep.equal([]);
  });

  it('a GET that timed out is tried again', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, { delayMs: 2_000 });
    const api = await devApi({ retries: 1, timeoutMs: 300 });
    expect((await api.getConversation({ id })).id).to.equal(id);
  });

  it('retries are bounded: after retries + 1 attempts the last error stands', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, { status: 503, count: 5 });
    const api = await devApi({ retries: 2 });
    const error = await expectApiError(api.getConversation({ id }), 'server');
    expect(error.status).to.equal(503);
    expect((await pendingFaults())[0]?.count).to.equal(2);
  });

  it('a Retry-After longer than the client will wait ends the retries at once', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, { status: 429, count: 2, headers: { 'Retry-After': '120' } });
    const api = await devApi({ retries: 3, maxRetryDelayMs: 1_000 });
    const error = await expectApiError(api.getConversation({ id }), 'rate-limited');
    expect(error.retryAfterMs).to.equal(120_000);
    expect((await pendingFaults())[0]?.count).to.equal(1);
  });

  it('a Retry-After given as an HTTP date is honoured', async () => {
    const id = await existingConversationId();
    const soon = new Date(Date.now() + 1_000).toUTCString();
    await fault(GET_ONE, { status: 503, headers: { 'Retry-After': soon } });
    const api = await devApi({ retries: 1 });
    expect((await api.getConversation({ id })).id).to.equal(id);
  });

  it('4xx errors other than 429 are not retried', async () => {
    const id = await existingConversationId();
    await fault(GET_ONE, { status: 404, count: 2 });
    const api = await devApi({ retries: 3 });
    await expectApiError(api.getConversation({ id }), 'not-found');
    expect((await pendingFaults())[0]?.count).to.equal(1);
  });

  it('a POST is not retried after a 503: the server may have acted on it', async () => {
    await fault(CREATE, { status: 503, count: 2 });
    const api = await devApi({ retries: 3 });
    await expectApiError(api.createConversation({ agentId: AGENT }), 'server');
    expect((await pendingFaults())[0]?.count).to.equal(1);
  });

  it('a POST is not retried after a dropped connection', async () => {
    await fault(CREATE, { drop: true, count: 2 });
    const api = await devApi({ retries: 3 });
    await expectApiError(api.createConversation({ agentId: AGENT }), 'network');
    expect((await pendingFaults())[0]?.count).to.equal(1);
  });

  it('a POST is retried after a 429, which says the server did not act', async () => {
    await fault(CREATE, { status: 429, headers: { 'Retry-After': '0' } });
    const api = await devApi({ retries: 3 });
    expect((await api.createConversation({ agentId: AGENT })).status).to.equal('active');
  });
});
