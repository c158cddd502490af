// Property tests (fast-check) of the checks every stored record passes on its way back from
// IndexedDB, a sessionStorage snapshot or another tab (src/store/record-check.ts): whatever was
// written there, what comes out has only the fields and types a record has (so no object of
// another shape, a Lit TemplateResult above all, can reach a template), good records come out
// whole and in order, and a bad one never takes a good one with it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  checkChange,
  checkConversation,
  checkedRecords,
  checkMessage,
} from '../../src/store/record-check.js';
import type { StoredConversation, StoredMessage } from '../../src/store/types.js';

const MAX_TIME = 8.64e15;
/**
 * A fixed seed, so `npm test` gives the same verdict every run (FC_SEED=<n> explores others; a
 * failure prints its seed and the shrunk counterexample).
 */
const RUNS = { numRuns: 300, seed: Number(process.env.FC_SEED ?? 16) };

/** Objects Lit would render as markup if they ever reached a template as a value. */
const templateShaped = fc
  .record({
    type: fc.constantFrom(1, 2),
    markup: fc.string(),
    withRaw: fc.boolean(),
    values: fc.array(fc.anything(), { maxLength: 2 }),
  })
  .map(({ type, markup, withRaw, values }) => {
    const strings: string[] & { raw?: string[] } = [markup];
    if (withRaw) strings.raw = [markup];
    return { _$litType$: type, strings, values };
  });

/** Anything at all, with template-shaped objects (alone and in arrays) well represented. */
const hostileValue = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }),
  templateShaped,
  fc.array(templateShaped, { minLength: 1, maxLength: 3 }),
  fc.constantFrom(1e20, -1e20, Number.NaN, Infinity, '2026-01-01', '', null, undefined, 42),
);

/** Text as anyone could type or say it: any UTF-16, lone surrogates, controls and all. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom('\r', '\n', '\r\n', '\u202e', '\u200b', ' ', '<', '&'),
    maxLength: 50,
  }),
);

const validTime = fc.integer({ min: -MAX_TIME, max: MAX_TIME });
const id = fc.string({ minLength: 1, maxLength: 20 });

const goodMessage = fc.record({
  id,
  conversationId: fc.constant('c1'),
  role: fc.constantFrom('user', 'assistant', 'system'),
  text: anyText,
  createdAt: validTime,
  state: fc.constantFrom('interim', 'final'),
  origin: fc.constantFrom('live', 'server'),
}) as fc.Arbitrary<StoredMessage>;

/** A good message with one field made hostile: the check must leave it out. */
const badMessage = fc
  .record({
    message: goodMessage,
    field: fc.constantFrom('id', 'conversationId', 'role', 'text', 'createdAt'),
    value: hostileValue,
  })
  .filter(({ field, value }) => {
    // Values that are in fact valid for the field are no hostile change.
    if (field === 'text') return typeof value !== 'string';
    if (field === 'createdAt') {
      return !(typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_TIME);
    }
    if (field === 'role') return !['user', 'assistant', 'system'].includes(value as string);
    return typeof value !== 'string' || value === '';
  })
  .map(({ message, field, value }) => ({ ...message, [field]: value }));

const MESSAGE_KEYS = new Set([
  'id',
  'conversationId',
  'role',
  'text',
  'createdAt',
  'state',
  'origin',
  'segmentId',
]);
const CONVERSATION_KEYS = new Set([
  'id',
  'namespace',
  'agentId',
  'title',
  'status',
  'createdAt',
  'updatedAt',
  'current',
  'handle',
]);

function assertMessageShape(message: StoredMessage): void {
  for (const key of Object.keys(message)) assert.ok(MESSAGE_KEYS.has(key), `extra key ${key}`);
  assert.equal(Object.getPrototypeOf(message), Object.prototype);
  assert.equal(typeof message.id, 'string');
  assert.equal(typeof message.conversationId, 'string');
  assert.equal(typeof message.text, 'string');
  assert.ok(['user', 'assistant', 'system'].includes(message.role));
  assert.ok(['interim', 'final'].includes(message.state));
  assert.ok(['live', 'server'].includes(message.origin));
  assert.ok(Number.isFinite(message.createdAt) && Math.abs(message.createdAt) <= MAX_TIME);
  assert.ok(message.segmentId === undefined || typeof message.segmentId === 'string');
  // A date built from it can be formatted (1e20 made toISOString throw).
  assert.doesNotThrow(() => new Date(message.createdAt).toISOString());
}

function assertConversationShape(conversation: StoredConversation): void {
  for (const key of Object.keys(conversation)) {
    assert.ok(CONVERSATION_KEYS.has(key), `extra key ${key}`);
  }
  for (const key of ['id', 'namespace', 'agentId', 'title', 'status'] as const) {
    assert.equal(typeof conversation[key], 'string', key);
  }
  assert.equal(typeof conversation.current, 'boolean');
  assert.ok(conversation.handle === undefined || typeof conversation.handle === 'string');
  for (const time of [conversation.createdAt, conversation.updatedAt]) {
    assert.doesNotThrow(() => new Date(time).toISOString());
  }
}

describe('stored records, property-based', () => {
  test('any value read back as a message is dropped or comes out with only primitive fields of the right types', () => {
    fc.assert(
      fc.property(fc.oneof(hostileValue, goodMessage, badMessage), (value) => {
        const message = checkMessage(value);
        if (message !== undefined) assertMessageShape(message);
      }),
      RUNS,
    );
  });

  test('any value read back as a conversation is dropped or repaired into strings, booleans and valid dates', () => {
    const conversationLike = fc.record(
      {
        id,
        namespace: fc.oneof(fc.string(), hostileValue),
        agentId: fc.oneof(id, hostileValue),
        title: fc.oneof(anyText, hostileValue),
        status: fc.oneof(fc.string(), hostileValue),
        createdAt: fc.oneof(validTime, hostileValue),
        updatedAt: fc.oneof(validTime, hostileValue),
        current: fc.oneof(fc.boolean(), hostileValue),
        handle: fc.oneof(fc.string(), hostileValue),
      },
      { requiredKeys: ['id'] },
    );
    fc.assert(
      fc.property(fc.oneof(hostileValue, conversationLike), (value) => {
        const conversation = checkConversation(value);
        if (conversation !== undefined) assertConversationShape(conversation);
      }),
      RUNS,
    );
  });

  test('a conversation with a good id, namespace and agent is always kept, its text fields character for character', () => {
    fc.assert(
      fc.property(
        id,
        fc.string(),
        id,
        anyText,
        fc.oneof(validTime, hostileValue),
        (i, ns, agent, title, createdAt) => {
          const conversation = checkConversation({
            id: i,
            namespace: ns,
            agentId: agent,
            title,
            createdAt,
          });
          assert.ok(conversation);
          assert.equal(conversation.title, title);
          assert.equal(conversation.id, i);
        },
      ),
      RUNS,
    );
  });

  test('among bad messages, every good one comes back, in order, text unchanged', () => {
    const mixed = fc.array(
      fc.oneof(
        goodMessage.map((message) => ({ good: true as const, message })),
        fc.oneof(badMessage, hostileValue).map((message) => ({ good: false as const, message })),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(mixed, (records) => {
        const checked = checkedRecords(
          records.map((record) => record.message),
          checkMessage,
        );
        const expected = records.filter((record) => record.good).map((record) => record.message);
        assert.deepEqual(
          checked.map((message) => [message.id, message.text, message.createdAt]),
          expected.map((message) => [message.id, message.text, message.createdAt]),
        );
      }),
      RUNS,
    );
  });

  test('a change from another tab is dropped or carries only checked records', () => {
    const changeLike = fc.oneof(
      hostileValue,
      fc.record({
        type: fc.constantFrom('cleared', 'deleted', 'conversation', 'messages', 'other'),
        conversationId: fc.oneof(fc.constant('c1'), hostileValue),
        namespace: fc.oneof(fc.string(), hostileValue),
        conversation: fc.oneof(
          hostileValue,
          fc.constant({ id: 'c1', namespace: '', agentId: 'a' }),
        ),
        messages: fc.oneof(
          hostileValue,
          fc.array(fc.oneof(goodMessage, badMessage), { maxLength: 5 }),
        ),
        removedIds: fc.oneof(hostileValue, fc.array(fc.string(), { maxLength: 3 })),
      }),
    );
    fc.assert(
      fc.property(changeLike, (value) => {
        const change = checkChange(value);
        if (change === undefined) return;
        if (change.type === 'cleared') {
          assert.ok(change.namespace === null || typeof change.namespace === 'string');
          return;
        }
        assert.equal(typeof change.conversationId, 'string');
        if (change.type === 'conversation' && change.conversation) {
          assertConversationShape(change.conversation);
        }
        if (change.type === 'messages') {
          for (const message of change.messages ?? []) assertMessageShape(message);
          for (const removed of change.removedIds ?? []) assert.equal(typeof removed, 'string');
        }
      }),
      RUNS,
    );
  });
});
