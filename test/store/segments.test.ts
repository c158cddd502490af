import { expect, waitUntil } from '@open-wc/testing';
import {
  at,
  cleanUp,
  openTestStore,
  recordChanges,
  STORE_KINDS,
  segment,
  serverMessage,
  texts,
  uniqueDbName,
} from './helpers.js';
import { wrapFactory } from './wrapped-factory.js';

for (const [kind, persist] of STORE_KINDS) {
  describe(`live segments (${kind})`, () => {
    afterEach(cleanUp);

    it('replaces interim text in one message, then freezes it on final', async () => {
      const store = await openTestStore({ persist });
      await store.upsertSegment(segment({ text: 'Hel' }));
      const interim = await store.upsertSegment(segment({ text: 'Hello th' }));
      expect(interim).to.include({ id: 'live:SG_1', state: 'interim', text: 'Hello th' });
      const final = await store.upsertSegment(segment({ text: 'Hello there', final: true }));
      expect(final).to.include({ state: 'final', text: 'Hello there' });
      const late = await store.upsertSegment(segment({ text: 'Hello th', final: false }));
      expect(late).to.include({ state: 'final', text: 'Hello there' });
      const page = await store.messages('c1');
      expect(page.messages).to.have.length(1);
      expect(page.messages[0]).to.include({ text: 'Hello there', state: 'final', origin: 'live' });
    });

    it('keeps each segment where it began', async () => {
      const store = await openTestStore({ persist });
      await store.upsertSegment(segment({ segmentId: 'a', text: 'first', createdAt: 10 }));
      await store.upsertSegment(
        segment({ segmentId: 'b', role: 'assistant', text: 'reply', createdAt: 20 }),
      );
      await store.upsertSegment(
        segment({ segmentId: 'a', text: 'first words', createdAt: 30, final: true }),
      );
      expect(await texts(store)).to.deep.equal(['first words', 'reply']);
    });

    it('tells listeners at once, before the batch is written', async () => {
      const store = await openTestStore({ persist, batchIntervalMs: 60_000 });
      const changes = recordChanges(store);
      void store.upsertSegment(segment({ text: 'Hi' }));
      await waitUntil(() => changes.length > 0, 'no change reported', { timeout: 10_000 });
      expect(changes[0]).to.deep.include({ type: 'messages', conversationId: 'c1' });
      if (changes[0]?.type === 'messages') expect(changes[0].messages?.[0]?.text).to.equal('Hi');
    });

    it('gives way to a server message already merged for the same words', async () => {
      const store = await openTestStore({ persist });
      await store.reconcile('c1', [serverMessage('s1', 'user', 'Book a table.', 0)]);
      await store.upsertSegment(segment({ text: 'book a', createdAt: at(0) }));
      await store.upsertSegment(segment({ text: 'book a table', createdAt: at(0), final: true }));
      await store.flush();
      const page = await store.messages('c1');
      expect(page.messages.map((m) => [m.id, m.text])).to.deep.equal([['s1', 'Book a table.']]);
      const late = await store.upsertSegment(segment({ text: 'book a tab', createdAt: at(0) }));
      expect(late.id).to.equal('s1');
      expect(await texts(store)).to.deep.equal(['Book a table.']);
    });
  });
}

describe('live segments in IndexedDB', () => {
  afterEach(cleanUp);

  it('writes a burst of updates in one transaction', async () => {
    const wrapped = wrapFactory();
    const store = await openTestStore({ indexedDB: wrapped.factory, batchIntervalMs: 60_000 });
    const updates = [];
    for (let i = 1; i <= 50; i++) {
      updates.push(
        store.upsertSegment(segment({ text: 'word '.repeat(i).trim(), final: i === 50 })),
      );
    }
    await Promise.all(updates);
    expect(wrapped.readwriteTransactions).to.equal(0);
    await store.flush();
    expect(wrapped.readwriteTransactions).to.equal(1);
    expect((await store.messages('c1')).messages[0]?.text).to.equal('word '.repeat(50).trim());
  });

  it('writes what is pending when the page is hidden or left', async () => {
    const dbName = uniqueDbName();
    const tab = await openTestStore({ dbName, batchIntervalMs: 60_000 });
    const otherTab = await openTestStore({ dbName });
    await tab.upsertSegment(segment({ text: 'said just before leaving', final: true }));
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    await waitUntil(
      async () => (await otherTab.messages('c1')).messages.length === 1,
      'the pending update was not written on pagehide',
      { timeout: 10_000 },
    );
    expect(await texts(otherTab)).to.deep.equal(['said just before leaving']);
  });
});
