import { expect } from '@open-wc/testing';
import { KrosaiApiError } from '../../src/api/api-error.js';
import { createKrosaiApi } from '../../src/api/create-api.js';
import { isLocalHost, warnIfKeyInPublicPage } from '../../src/api/dev-warning.js';
import { control, emulatorInfo, resetEmulator } from '../helpers/emulator.js';
import { AGENT, devApi, expectApiError, routeClient } from './api-helpers.js';

describe('api, dev mode (api-key straight to KrosAI)', () => {
  beforeEach(resetEmulator);

  it('creates a conversation with its room and token, keeping only known fields', async () => {
    const api = await devApi();
    const conversation = await api.createConversation({ agentId: AGENT, title: 'Hello' });
    expect(conversation).to.include({ agentId: AGENT, title: 'Hello', status: 'active' });
    expect(conversation.id).to.be.a('string').and.not.equal('');
    expect(conversation.roomName).to.equal(`conv_${conversation.id}`);
    expect(conversation.roomUrl).to.match(/^ws:\/\//);
    expect(conversation.token).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(conversation.createdAt).to.be.instanceOf(Date);
    expect(conversation.updatedAt).to.be.instanceOf(Date);
    expect(Object.keys(conversation)).to.not.include('created_by');
    expect(Object.keys(conversation)).to.not.include('createdBy');
  });

  it("uses KrosAI's default title when none is given", async () => {
    const api = await devApi();
    expect((await api.createConversation({ agentId: AGENT })).title).to.equal('New Conversation');
  });

  it('gets a conversation with a fresh token', async () => {
    const api = await devApi();
    const created = await api.createConversation({ agentId: AGENT });
    const fetched = await api.getConversation({ id: created.id });
    expect(fetched.id).to.equal(created.id);
    expect(fetched.token).to.be.a('string');
    expect(fetched.createdAt?.getTime()).to.equal(created.createdAt?.getTime());
  });

  it('gets a completed conversation without a token', async () => {
    const api = await devApi();
    const created = await api.createConversation({ agentId: AGENT });
    await control(`/control/conversations/${created.id}/status`, { status: 'completed' });
    const fetched = await api.getConversation({ id: created.id });
    expect(fetched.status).to.equal('completed');
    expect(fetched.token).to.equal(undefined);
  });

  it('gets the messages oldest first, without the system prompt', async () => {
    const api = await devApi();
    const { id } = await api.createConversation({ agentId: AGENT });
    await control(`/control/conversations/${id}/messages`, { role: 'user', content: 'Hi' });
    await control(`/control/conversations/${id}/messages`, {
      role: 'assistant',
      content: 'Hello!',
    });
    const messages = await api.getMessages({ id });
    expect(messages.map((m) => [m.role, m.content])).to.deep.equal([
      ['user', 'Hi'],
      ['assistant', 'Hello!'],
    ]);
    expect(messages[0]!.conversationId).to.equal(id);
    expect(messages[0]!.createdAt).to.be.instanceOf(Date);
  });

  it("the route's client starts a voice session without a conversation", async () => {
    const api = await routeClient();
    const voice = await api.startVoiceSession(AGENT);
    expect(voice.roomName).to.match(/^voice_agent_demo_/);
    expect(voice.roomUrl).to.match(/^ws:\/\//);
    expect(voice.token).to.be.a('string');
  });

  it('sends the key as X-API-Key when asked to', async () => {
    const api = await devApi({ authHeader: 'x-api-key' });
    expect((await api.createConversation({ agentId: AGENT })).status).to.equal('active');
  });

  it('refuses to be built without session-url or api-key', () => {
    expect(() => createKrosaiApi({}))
      .to.throw(KrosaiApiError)
      .with.property('reason', 'config');
  });

  it('a wrong key is unauthorized, with the server detail', async () => {
    const { url } = await emulatorInfo();
    const api = createKrosaiApi({ apiKey: 'kros_test_wrong', apiBase: url });
    const error = await expectApiError(api.createConversation({ agentId: AGENT }), 'unauthorized');
    expect(error.status).to.equal(401);
    expect(error.detail).to.be.a('string').and.not.equal('');
  });
});

describe('api, dev-mode warning', () => {
  it('treats only localhost and loopback addresses as local', () => {
    expect(['localhost', '127.0.0.1', '[::1]'].every(isLocalHost)).to.equal(true);
    expect(isLocalHost('example.com')).to.equal(false);
    expect(isLocalHost('localhost.example.com')).to.equal(false);
  });

  it('warns once on a public host, never on localhost', () => {
    const original = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      warnIfKeyInPublicPage('localhost');
      expect(warnings).to.have.length(0);
      warnIfKeyInPublicPage('shop.example.com');
      warnIfKeyInPublicPage('shop.example.com');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('session-url');
    } finally {
      console.warn = original;
    }
  });
});
