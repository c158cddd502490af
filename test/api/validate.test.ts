import { expect } from '@open-wc/testing';
import { readErrorBody } from '../../src/api/api-error.js';
import { backoffDelay, parseRetryAfter } from '../../src/api/backoff.js';
import { parseDate } from '../../src/api/parse-date.js';
import { parseConversation, parseMessages, parseVoiceCredentials } from '../../src/api/validate.js';
import { expectApiError } from './api-helpers.js';

const reject = (parse: () => unknown) =>
  expectApiError(Promise.resolve().then(parse), 'bad-response');

describe('api validation', () => {
  it('keeps only the known conversation fields, in camelCase', () => {
    const conversation = parseConversation({
      id: 'c1',
      agent_id: 'agent_demo',
      title: 'T',
      status: 'archived',
      created_at: '2025-03-01T10:00:00Z',
      updated_at: null,
      created_by: 'the site account',
      system_prompt: 'secret instructions',
      room_name: 'conv_c1',
      room_url: 'wss://agent.krosai.com/room/conv_c1',
      token: 'jwt',
      surprise: { nested: true },
    });
    expect(conversation).to.deep.equal({
      id: 'c1',
      agentId: 'agent_demo',
      title: 'T',
      status: 'archived',
      createdAt: new Date('2025-03-01T10:00:00Z'),
      updatedAt: null,
      roomName: 'conv_c1',
      roomUrl: 'wss://agent.krosai.com/room/conv_c1',
      token: 'jwt',
    });
  });

  it('accepts a missing or null title and room, and numeric ids', () => {
    const conversation = parseConversation({
      id: 42,
      agent_id: 'a',
      status: 'active',
      title: null,
      token: null,
    });
    expect(conversation).to.deep.equal({
      id: '42',
      agentId: 'a',
      title: '',
      status: 'active',
      createdAt: null,
      updatedAt: null,
    });
  });

  it('rejects conversations with missing or mistyped required fields', async () => {
    await reject(() => parseConversation({ agent_id: 'a', status: 'active' }));
    await reject(() => parseConversation({ id: 'c', agent_id: 'a' }));
    await reject(() => parseConversation({ id: 'c', agent_id: 'a', status: true }));
    await reject(() => parseConversation({ id: '', agent_id: 'a', status: 'active' }));
    await reject(() => parseConversation({ id: 'c', agent_id: 'a', status: 'active', title: 3 }));
    await reject(() =>
      parseConversation({ id: 'c', agent_id: 'a', status: 'active', room_url: {} }),
    );
    await reject(() => parseConversation('c'));
  });

  it('drops system messages and roles it does not know, and fills a missing conversation id', () => {
    const messages = parseMessages(
      [
        { id: 'm0', conversation_id: 'c', role: 'system', content: 'prompt', created_at: null },
        { id: 'm1', role: 'user', content: 'Hi', created_at: '2025-03-01 10:00:01', extra: 1 },
        { id: 2, conversation_id: 'c', role: 'tool', content: '{}' },
        { id: 3, conversation_id: 'c', role: 'assistant', content: null, created_at: 1740823202 },
      ],
      'c',
    );
    expect(messages).to.deep.equal([
      {
        id: 'm1',
        conversationId: 'c',
        role: 'user',
        content: 'Hi',
        createdAt: new Date('2025-03-01T10:00:01Z'),
      },
      {
        id: '3',
        conversationId: 'c',
        role: 'assistant',
        content: '',
        createdAt: new Date(1740823202 * 1000),
      },
    ]);
  });

  it('rejects voice credentials with a missing field', async () => {
    expect(
      parseVoiceCredentials({ room_name: 'r', room_url: 'ws://x', token: 't', more: 1 }),
    ).to.deep.equal({
      roomName: 'r',
      roomUrl: 'ws://x',
      token: 't',
    });
    await reject(() => parseVoiceCredentials({ room_name: 'r', token: 't' }));
  });
});

describe('api dates', () => {
  it('reads ISO 8601 with a zone, and without one as UTC', () => {
    expect(parseDate('2025-03-01T10:00:00+02:00')?.toISOString()).to.equal(
      '2025-03-01T08:00:00.000Z',
    );
    expect(parseDate('2025-03-01T10:00:00.123456')?.toISOString()).to.equal(
      '2025-03-01T10:00:00.123Z',
    );
    expect(parseDate('2025-03-01 10:00')?.toISOString()).to.equal('2025-03-01T10:00:00.000Z');
  });

  it('reads epoch seconds and milliseconds', () => {
    expect(parseDate(1740823200)?.toISOString()).to.equal('2025-03-01T10:00:00.000Z');
    expect(parseDate(1740823200000)?.toISOString()).to.equal('2025-03-01T10:00:00.000Z');
  });

  it('gives null for anything else, never throwing', () => {
    for (const value of [
      undefined,
      null,
      '',
      'yesterday',
      '2025-13-45T99:00:00Z',
      Number.NaN,
      {},
      [],
      true,
    ]) {
      expect(parseDate(value)).to.equal(null);
    }
  });
});

describe('api error bodies and backoff', () => {
  it("reads the server's explanation from both documented shapes, and nothing from others", () => {
    expect(readErrorBody('{"detail": "Agent not found"}')).to.deep.equal({
      detail: 'Agent not found',
    });
    expect(
      readErrorBody('{"error": "Bad agent", "code": "agent_invalid", "details": {}}'),
    ).to.deep.equal({
      detail: 'Bad agent',
      code: 'agent_invalid',
    });
    expect(readErrorBody('<html>502</html>')).to.deep.equal({});
    expect(readErrorBody('')).to.deep.equal({});
    expect(readErrorBody('"just a string"')).to.deep.equal({});
    expect(readErrorBody(JSON.stringify({ detail: 'x'.repeat(5_000) })).detail).to.have.length(500);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(parseRetryAfter('3', now)).to.equal(3_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 10:00:05 GMT', now)).to.equal(5_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 09:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });

  it('backs off exponentially, with jitter, within the cap', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const ceiling = Math.min(4_000, 250 * 2 ** attempt);
      const delay = backoffDelay(attempt, 250, 4_000);
      expect(delay)
        .to.be.at.least(ceiling / 2)
        .and.at.most(ceiling);
    }
  });
});
