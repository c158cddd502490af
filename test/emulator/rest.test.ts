import { expect } from '@open-wc/testing';
import { control, emulatorInfo, krosaiFetch, resetEmulator } from '../helpers/emulator.js';

interface ConversationJson {
  id: string;
  agent_id: string;
  title: string;
  created_at: string;
  updated_at: string;
  created_by: string;
  status: string;
  room_name: string;
  room_url: string;
  token?: string;
}

async function otherKey(): Promise<string> {
  return (await emulatorInfo()).extraApiKeys[0];
}

async function createConversation(
  body: unknown = { agent_id: 'agent_demo' },
  apiKey?: string,
): Promise<ConversationJson> {
  const response = await krosaiFetch('/v1/conversations', {
    method: 'POST',
    body: JSON.stringify(body),
    apiKey,
  });
  expect(response.status).to.equal(201);
  return response.json();
}

async function expectDetail(response: Response, status: number) {
  expect(response.status).to.equal(status);
  const body = await response.json();
  expect(body.detail).to.be.a('string').and.not.equal('');
}

/** The claims of a LiveKit JWT (base64url JSON), to check who and how long it is for. */
function jwtClaims(token: string): {
  sub: string;
  exp: number;
  nbf: number;
  video: { room: string };
} {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}

describe('emulator REST', () => {
  beforeEach(resetEmulator);

  describe('POST /v1/conversations', () => {
    it('creates an active conversation with its room, from another origin', async () => {
      const info = await emulatorInfo();
      expect(new URL(info.url).origin).to.not.equal(location.origin);
      const conversation = await createConversation({ agent_id: 'agent_demo', title: 'Hello' });
      expect(conversation).to.include({ agent_id: 'agent_demo', title: 'Hello', status: 'active' });
      expect(conversation.room_name).to.equal(`conv_${conversation.id}`);
      expect(conversation.room_url).to.equal(info.url.replace('http', 'ws'));
      expect(Number.isNaN(Date.parse(conversation.created_at))).to.equal(false);
      expect(Number.isNaN(Date.parse(conversation.updated_at))).to.equal(false);
      expect(conversation.created_by).to.be.a('string').and.not.equal(info.apiKey);
      const claims = jwtClaims(conversation.token ?? '');
      expect(claims.sub).to.equal(`visitor_${conversation.id}`);
      expect(claims.video.room).to.equal(conversation.room_name);
    });

    it('titles a conversation "New Conversation" by default', async () => {
      expect((await createConversation()).title).to.equal('New Conversation');
    });

    it('answers 404 for an unknown agent', async () => {
      const response = await krosaiFetch('/v1/conversations', {
        method: 'POST',
        body: JSON.stringify({ agent_id: 'agent_nobody' }),
      });
      await expectDetail(response, 404);
    });

    it('answers 403 for an agent this key may not use, which another key may', async () => {
      const response = await krosaiFetch('/v1/conversations', {
        method: 'POST',
        body: JSON.stringify({ agent_id: 'agent_restricted' }),
      });
      await expectDetail(response, 403);
      const allowed = await createConversation({ agent_id: 'agent_restricted' }, await otherKey());
      expect(allowed.agent_id).to.equal('agent_restricted');
    });

    for (const [label, body] of [
      ['malformed JSON', '{"agent_id": '],
      ['an empty body', ''],
      ['a JSON array', '["agent_demo"]'],
      ['no agent_id', '{"title": "x"}'],
      ['a numeric agent_id', '{"agent_id": 7}'],
      ['a numeric title', '{"agent_id": "agent_demo", "title": 7}'],
    ]) {
      it(`answers 400 for ${label}`, async () => {
        await expectDetail(await krosaiFetch('/v1/conversations', { method: 'POST', body }), 400);
      });
    }
  });

  describe('auth', () => {
    it('accepts the key as X-API-Key', async () => {
      const { apiKey } = await emulatorInfo();
      const response = await krosaiFetch('/v1/agents', {
        apiKey: null,
        headers: { 'X-API-Key': apiKey },
      });
      expect(response.status).to.equal(200);
    });

    it('accepts the key as Authorization: Bearer', async () => {
      expect((await krosaiFetch('/v1/agents')).status).to.equal(200);
    });

    it('answers 401 with a detail for a missing key', async () => {
      await expectDetail(await krosaiFetch('/v1/conversations', { apiKey: null }), 401);
    });

    it('answers 401 for a wrong Bearer key', async () => {
      await expectDetail(
        await krosaiFetch('/v1/conversations', { apiKey: 'kros_test_wrong' }),
        401,
      );
    });

    it('answers 401 for a wrong X-API-Key', async () => {
      const response = await krosaiFetch('/v1/agents', {
        apiKey: null,
        headers: { 'X-API-Key': 'kros_test_wrong' },
      });
      await expectDetail(response, 401);
    });

    it('checks the key before the body', async () => {
      const response = await krosaiFetch('/v1/conversations', {
        method: 'POST',
        apiKey: 'kros_test_wrong',
        body: 'not json',
      });
      await expectDetail(response, 401);
    });
  });

  describe('GET /v1/conversations', () => {
    it("lists the account's own conversations, newest first, without tokens", async () => {
      const first = await createConversation({ agent_id: 'agent_demo', title: 'first' });
      const second = await createConversation({ agent_id: 'agent_demo', title: 'second' });
      await createConversation({ agent_id: 'agent_demo' }, await otherKey());
      const response = await krosaiFetch('/v1/conversations');
      expect(response.status).to.equal(200);
      const list: ConversationJson[] = await response.json();
      expect(list.map((c) => c.id)).to.deep.equal([second.id, first.id]);
      expect(list[0]).to.include({ room_name: second.room_name, status: 'active' });
      expect(list[0]).to.not.have.property('token');
    });

    it('is an empty array after a reset', async () => {
      await createConversation();
      await resetEmulator();
      expect(await (await krosaiFetch('/v1/conversations')).json()).to.deep.equal([]);
    });
  });

  describe('GET /v1/conversations/{id}', () => {
    it('re-issues a token with the current lifetime while active', async () => {
      const created = await createConversation();
      await control('/control/token-ttl', { seconds: 5 });
      const response = await krosaiFetch(`/v1/conversations/${created.id}`);
      expect(response.status).to.equal(200);
      const conversation: ConversationJson = await response.json();
      expect(conversation).to.include({ id: created.id, status: 'active' });
      const claims = jwtClaims(conversation.token ?? '');
      expect(claims.exp - claims.nbf).to.equal(5);
      expect(claims.sub).to.equal(`visitor_${created.id}`);
    });

    it('gives no token once the conversation is completed', async () => {
      const created = await createConversation();
      await control(`/control/conversations/${created.id}/status`, { status: 'completed' });
      const conversation: ConversationJson = await (
        await krosaiFetch(`/v1/conversations/${created.id}`)
      ).json();
      expect(conversation.status).to.equal('completed');
      expect(conversation.room_name).to.equal(created.room_name);
      expect(conversation).to.not.have.property('token');
    });

    it('answers 404 for an unknown conversation', async () => {
      await expectDetail(await krosaiFetch('/v1/conversations/does-not-exist'), 404);
    });

    it("answers 403 for another account's conversation", async () => {
      const theirs = await createConversation({ agent_id: 'agent_demo' }, await otherKey());
      await expectDetail(await krosaiFetch(`/v1/conversations/${theirs.id}`), 403);
    });
  });

  describe('GET /v1/conversations/{id}/messages', () => {
    it('lists the system prompt first, then the transcript, oldest first', async () => {
      const created = await createConversation();
      await control(`/control/conversations/${created.id}/messages`, {
        role: 'user',
        content: 'Hello?',
      });
      await control(`/control/conversations/${created.id}/messages`, {
        role: 'assistant',
        content: 'Hi there.',
      });
      const response = await krosaiFetch(`/v1/conversations/${created.id}/messages`);
      expect(response.status).to.equal(200);
      const messages = await response.json();
      expect(messages.map((m: { role: string }) => m.role)).to.deep.equal([
        'system',
        'user',
        'assistant',
      ]);
      expect(messages[1]).to.include({ conversation_id: created.id, content: 'Hello?' });
      expect(messages[1].id).to.be.a('string');
      expect(Number.isNaN(Date.parse(messages[2].created_at))).to.equal(false);
    });

    it('answers 404 for an unknown conversation and 403 for another account', async () => {
      await expectDetail(await krosaiFetch('/v1/conversations/nope/messages'), 404);
      const theirs = await createConversation({ agent_id: 'agent_demo' }, await otherKey());
      await expectDetail(await krosaiFetch(`/v1/conversations/${theirs.id}/messages`), 403);
    });
  });

  describe('POST /v1/agents/{id}/voice', () => {
    it('returns a room, its URL and a token, and no conversation', async () => {
      const info = await emulatorInfo();
      const response = await krosaiFetch('/v1/agents/agent_demo/voice', { method: 'POST' });
      expect(response.status).to.equal(200);
      const session = await response.json();
      expect(Object.keys(session).sort()).to.deep.equal(['room_name', 'room_url', 'token']);
      expect(session.room_url).to.equal(info.url.replace('http', 'ws'));
      expect(jwtClaims(session.token).video.room).to.equal(session.room_name);
      expect(await (await krosaiFetch('/v1/conversations')).json()).to.deep.equal([]);
    });

    it('answers 404 for an unknown agent, 403 for a forbidden one, 401 without a key', async () => {
      await expectDetail(await krosaiFetch('/v1/agents/nobody/voice', { method: 'POST' }), 404);
      const forbidden = await krosaiFetch('/v1/agents/agent_restricted/voice', { method: 'POST' });
      await expectDetail(forbidden, 403);
      const anonymous = await krosaiFetch('/v1/agents/agent_demo/voice', {
        method: 'POST',
        apiKey: null,
      });
      await expectDetail(anonymous, 401);
    });
  });

  describe('agents', () => {
    it('lists the agents this key may use, the demo agent among them', async () => {
      const agents = await (await krosaiFetch('/v1/agents')).json();
      expect(agents.map((a: { id: string }) => a.id)).to.deep.equal(['agent_demo']);
      expect(agents[0]).to.include({ name: 'Demo agent' });
      const theirs = await (await krosaiFetch('/v1/agents', { apiKey: await otherKey() })).json();
      expect(theirs.map((a: { id: string }) => a.id)).to.include('agent_restricted');
    });

    it('gets one agent, 404 for an unknown one, 403 for a forbidden one', async () => {
      const response = await krosaiFetch('/v1/agents/agent_demo');
      expect(response.status).to.equal(200);
      expect(await response.json()).to.include({ id: 'agent_demo', name: 'Demo agent' });
      await expectDetail(await krosaiFetch('/v1/agents/nobody'), 404);
      await expectDetail(await krosaiFetch('/v1/agents/agent_restricted'), 403);
    });
  });

  describe('faults', () => {
    it('injects a status into the next N calls of a route, then behaves', async () => {
      await control('/control/faults', { route: 'GET /v1/agents', count: 2, status: 503 });
      await expectDetail(await krosaiFetch('/v1/agents'), 503);
      await expectDetail(await krosaiFetch('/v1/agents'), 503);
      expect((await krosaiFetch('/v1/agents')).status).to.equal(200);
    });

    it('only affects the route it names', async () => {
      await control('/control/faults', { route: 'GET /v1/conversations/:id', status: 500 });
      expect((await krosaiFetch('/v1/conversations')).status).to.equal(200);
      const created = await createConversation();
      expect((await krosaiFetch(`/v1/conversations/${created.id}`)).status).to.equal(500);
    });

    it('sends a malformed body as is, with the chosen status and headers', async () => {
      await control('/control/faults', {
        route: 'POST /v1/conversations',
        status: 200,
        body: '{"id": "trunc',
      });
      const response = await krosaiFetch('/v1/conversations', {
        method: 'POST',
        body: JSON.stringify({ agent_id: 'agent_demo' }),
      });
      expect(response.status).to.equal(200);
      expect(await response.text()).to.equal('{"id": "trunc');
      // The fault replaced the call: nothing was created.
      expect(await (await krosaiFetch('/v1/conversations')).json()).to.deep.equal([]);

      await control('/control/faults', {
        route: 'GET /v1/conversations',
        status: 429,
        body: '<html>Too many</html>',
        headers: { 'content-type': 'text/html', 'retry-after': '3' },
      });
      const limited = await krosaiFetch('/v1/conversations');
      expect(limited.status).to.equal(429);
      expect(limited.headers.get('content-type')).to.equal('text/html');
      expect(limited.headers.get('retry-after')).to.equal('3');
      expect(await limited.text()).to.equal('<html>Too many</html>');
    });

    it('sends an empty body when asked to', async () => {
      await control('/control/faults', { route: 'GET /v1/agents/:id', status: 200, body: '' });
      const response = await krosaiFetch('/v1/agents/agent_demo');
      expect(await response.text()).to.equal('');
    });

    it('delays a call that then succeeds, consuming the fault', async () => {
      await control('/control/faults', { route: 'GET /v1/agents', delayMs: 200 });
      expect(await control('/control/faults', undefined, 'GET')).to.have.length(1);
      expect((await krosaiFetch('/v1/agents')).status).to.equal(200);
      expect(await control('/control/faults', undefined, 'GET')).to.deep.equal([]);
    });

    it('drops the connection, which fetch reports as a network error', async () => {
      await control('/control/faults', { route: 'GET /v1/agents', drop: true });
      let failure: unknown;
      try {
        await krosaiFetch('/v1/agents');
      } catch (error) {
        failure = error;
      }
      expect(failure).to.be.instanceOf(TypeError);
      expect((await krosaiFetch('/v1/agents')).status).to.equal(200);
    });

    it('refuses a fault for an unknown route', async () => {
      let failure: unknown;
      try {
        await control('/control/faults', { route: 'GET /v1/nothing', status: 500 });
      } catch (error) {
        failure = error;
      }
      expect(String(failure)).to.contain('400');
    });

    it('is cleared by a reset', async () => {
      await control('/control/faults', { route: 'GET /v1/agents', status: 500 });
      await resetEmulator();
      expect((await krosaiFetch('/v1/agents')).status).to.equal(200);
    });
  });

  describe('HTTP plumbing', () => {
    it('answers a CORS preflight for any path', async () => {
      const { url } = await emulatorInfo();
      const response = await fetch(`${url}/v1/conversations`, { method: 'OPTIONS' });
      expect(response.status).to.equal(204);
    });

    it('answers its root like a LiveKit server (livekit-client checks it before resuming)', async () => {
      const { url } = await emulatorInfo();
      expect((await fetch(`${url}/`, { method: 'HEAD' })).status).to.equal(200);
      expect(await (await fetch(`${url}/`)).text()).to.equal('OK');
    });

    it('answers unknown routes with a JSON 404 and wrong methods with 405', async () => {
      await expectDetail(await krosaiFetch('/v1/unknown/route'), 404);
      await expectDetail(await krosaiFetch('/v1/agents', { method: 'DELETE' }), 405);
      const { url } = await emulatorInfo();
      await expectDetail(await fetch(`${url}/nowhere`), 404);
    });

    it('validates control bodies', async () => {
      const created = await createConversation();
      for (const [path, body] of [
        ['/control/token-ttl', { seconds: 0 }],
        [`/control/conversations/${created.id}/messages`, { role: 'robot', content: 'x' }],
        [`/control/conversations/${created.id}/messages`, { role: 'user' }],
        [`/control/conversations/${created.id}/status`, {}],
      ] as const) {
        let failure: unknown;
        try {
          await control(path, body);
        } catch (error) {
          failure = error;
        }
        expect(String(failure), path).to.contain('400');
      }
    });

    it('returns a stored conversation with its messages from the control API', async () => {
      const created = await createConversation();
      const stored = await control<{ id: string; messages: unknown[] }>(
        `/control/conversations/${created.id}`,
        undefined,
        'GET',
      );
      expect(stored.id).to.equal(created.id);
      expect(stored.messages).to.have.length(1);
    });
  });
});
