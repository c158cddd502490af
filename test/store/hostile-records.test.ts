import { expect, waitUntil } from '@open-wc/testing';
import type { StoreChange, StoredConversation } from '../../src/store/types.js';
import {
  HOSTILE_CREATED_AT,
  HOSTILE_MESSAGE_FIELDS,
  HOSTILE_TITLES,
  writeRaw,
} from '../helpers/hostile-records.js';
import { at, cleanUp, conversation, message, openTestStore, uniqueDbName } from './helpers.js';

// Every record the store reads back is checked (src/store/record-check.ts): from IndexedDB, from
// the sessionStorage snapshot, from another tab. These write hostile records straight into real
// storage, by the schema's own names, around the store.

afterEach(cleanUp);

function hostileConversations(): unknown[] {
  return [
    ...HOSTILE_TITLES.map(([, title], n) => ({ ...conversation({ id: `title-${n}` }), title })),
    ...HOSTILE_CREATED_AT.map(([, createdAt], n) => ({
      ...conversation({ id: `date-${n}` }),
      createdAt,
    })),
    { ...conversation({ id: 'no-agent' }), agentId: 7 },
    { ...conversation(), id: 99 },
  ];
}

function hostileMessages(): unknown[] {
  return HOSTILE_MESSAGE_FIELDS.map(([, fields], n) => ({
    ...message({ id: `bad-${n}`, createdAt: at(10 + n) }),
    ...fields,
  }));
}

const GOOD_MESSAGES = [
  message({ id: 'good-1', text: 'first', createdAt: at(1) }),
  message({ id: 'good-2', text: 'second', createdAt: at(50) }),
];

function expectOnlyStrings(conversations: StoredConversation[]) {
  for (const stored of conversations) {
    expect(typeof stored.title, stored.id).to.equal('string');
    expect(Number.isFinite(new Date(stored.createdAt).getTime()), stored.id).to.equal(true);
    expect(Number.isFinite(new Date(stored.updatedAt).getTime()), stored.id).to.equal(true);
  }
}

describe('store: hostile records in IndexedDB', () => {
  it('repairs conversations it can (titles become text, dates readable) and drops the rest', async () => {
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName });
    await store.putConversation(conversation({ id: 'good', title: 'Fine' }));
    await writeRaw(dbName, hostileConversations(), []);
    const listed = await store.listConversations('site-a');
    const repaired = [
      ...HOSTILE_TITLES.map((_, n) => `title-${n}`),
      ...HOSTILE_CREATED_AT.map((_, n) => `date-${n}`),
    ];
    expect(listed.map((c) => c.id).sort()).to.deep.equal(['good', ...repaired].sort());
    expectOnlyStrings(listed);
    for (const stored of listed.filter((c) => c.id.startsWith('title-'))) {
      expect(stored.title, stored.id).to.equal('');
    }
    expect(listed.find((c) => c.id === 'good')!.title).to.equal('Fine');
    expect((await store.getConversation('date-0'))?.createdAt).to.equal(at(0));
    expect(await store.getConversation('no-agent')).to.equal(undefined);
  });

  it("a bad message hides none of the conversation's good ones, and takes no place on a page", async () => {
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName });
    await store.putConversation(conversation());
    for (const good of GOOD_MESSAGES) await store.addMessage(good);
    await writeRaw(dbName, [], hostileMessages());
    const page = await store.messages('c1', { limit: 2 });
    expect(page.messages.map((m) => m.text)).to.deep.equal(['first', 'second']);
    // Reconciling with the server reads the stored messages too.
    await store.reconcile('c1', []);
    const after = await store.messages('c1');
    expect(after.messages.map((m) => m.text)).to.deep.equal(['first', 'second']);
  });

  it('a current conversation with an unreadable date is still found', async () => {
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName });
    await writeRaw(
      dbName,
      [{ ...conversation({ id: 'odd', current: true, agentId: 'agent-1' }), createdAt: 1e20 }],
      [],
    );
    const current = await store.currentConversation('site-a', 'agent-1');
    expect(current?.id).to.equal('odd');
    expectOnlyStrings([current!]);
  });
});

describe('store: hostile sessionStorage snapshot (persist="session")', () => {
  it('keeps the good records of a snapshot and drops or repairs the others', async () => {
    const dbName = uniqueDbName();
    sessionStorage.setItem(
      `krosai-conversation:${dbName}`,
      JSON.stringify({
        conversations: [conversation({ id: 'c1', title: 'Fine' }), ...hostileConversations()],
        messages: [...GOOD_MESSAGES, ...hostileMessages(), 'not a record', null],
      }),
    );
    const store = await openTestStore({ dbName, persist: 'session' });
    const listed = await store.listConversations('site-a');
    expect(listed.some((c) => c.id === 'c1')).to.equal(true);
    expectOnlyStrings(listed);
    expect(listed.some((c) => c.id === 'no-agent')).to.equal(false);
    const page = await store.messages('c1');
    expect(page.messages.map((m) => m.text)).to.deep.equal(['first', 'second']);
  });

  for (const [name, snapshot] of [
    ['not JSON', '{"conversations": ['],
    ['JSON null', 'null'],
    ['lists that are not lists', '{"conversations": 1, "messages": "x"}'],
  ] as const) {
    it(`opens empty from a snapshot that is ${name}`, async () => {
      const dbName = uniqueDbName();
      sessionStorage.setItem(`krosai-conversation:${dbName}`, snapshot);
      const store = await openTestStore({ dbName, persist: 'session' });
      expect(await store.listConversations('site-a')).to.deep.equal([]);
    });
  }
});

describe('store: hostile BroadcastChannel messages', () => {
  it('passes on only well-formed changes, stripped of records that fail the check', async () => {
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName });
    const changes: StoreChange[] = [];
    store.subscribe((change) => changes.push(change));
    const channel = new BroadcastChannel(`krosai-conversation:${dbName}`);
    const [templateTitle] = HOSTILE_TITLES;
    const posted: unknown[] = [
      null,
      'cleared',
      { type: 'cleared' },
      { type: 'nonsense', conversationId: 'c1' },
      { type: 'deleted' },
      {
        type: 'conversation',
        conversationId: 'c1',
        conversation: { ...conversation(), title: templateTitle![1] },
      },
      { type: 'conversation', conversationId: 'c1', conversation: { id: 'c1' } },
      { type: 'messages', conversationId: 'c1', messages: [{ ...message(), text: 42 }] },
      { type: 'messages', conversationId: 'c1', messages: [message({ conversationId: 'c2' })] },
      { type: 'messages', conversationId: 'c1', removedIds: [{}] },
      { type: 'deleted', conversationId: 'last' },
    ];
    for (const change of posted) channel.postMessage(change);
    await waitUntil(() => changes.some((change) => change.type === 'deleted'));
    channel.close();
    expect(changes).to.deep.equal([
      {
        type: 'conversation',
        conversationId: 'c1',
        conversation: { ...conversation(), title: '' },
      },
      { type: 'conversation', conversationId: 'c1' },
      { type: 'messages', conversationId: 'c1' },
      { type: 'messages', conversationId: 'c1' },
      { type: 'messages', conversationId: 'c1' },
      { type: 'deleted', conversationId: 'last' },
    ]);
  });
});
