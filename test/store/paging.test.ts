import { expect } from '@open-wc/testing';
import type { OpenStoreOptions } from '../../src/store/open-store.js';
import type { ConversationStore, MessagePage, StoredMessage } from '../../src/store/types.js';
import { cleanUp, conversation, message, openTestStore, uniqueDbName } from './helpers.js';

/** Every backend: IndexedDB, memory, and memory kept in sessionStorage. */
const KINDS: [string, OpenStoreOptions['persist']][] = [
  ['indexeddb', 'local'],
  ['memory', 'none'],
  ['session', 'session'],
];

/**
 * 23 messages in message order `t0`…`t22`, three to a time (equal times ordered by id), so page
 * boundaries fall between messages of the same time. Returned oldest first.
 */
function tiedMessages(conversationId = 'c1'): StoredMessage[] {
  return Array.from({ length: 23 }, (_, i) =>
    message({
      conversationId,
      id: `id-${String.fromCharCode(97 + (i % 3))}-${Math.floor(i / 3)}`,
      text: `${conversationId}:t${i}`,
      createdAt: 1000 + Math.floor(i / 3) * 10,
    }),
  );
}

/** Stores `messages` in a shuffled order: the store, not the writing, must order them. */
async function addShuffled(store: ConversationStore, messages: StoredMessage[]) {
  const order = messages.map((_, i) => (i * 7) % messages.length);
  for (const i of order) await store.addMessage(messages[i]!);
}

const textsOf = (page: MessagePage) => page.messages.map((m) => m.text);

for (const [kind, persist] of KINDS) {
  describe(`store paging (${kind})`, () => {
    afterEach(cleanUp);

    it('reads the newest page, then older pages back to the first message, across equal times', async () => {
      const store = await openTestStore({ persist });
      await store.putConversation(conversation());
      const all = tiedMessages();
      await addShuffled(store, all);
      // Another conversation at the same times must not leak into the pages.
      await store.putConversation(conversation({ id: 'c10' }));
      await addShuffled(store, tiedMessages('c10'));

      const pages: MessagePage[] = [await store.messages('c1', { limit: 5 })];
      while (pages.at(-1)!.hasOlder) {
        const before = pages.at(-1)!.messages[0]!;
        pages.push(await store.messages('c1', { limit: 5, before }));
      }
      expect(pages.map(textsOf)).to.deep.equal([
        ['c1:t18', 'c1:t19', 'c1:t20', 'c1:t21', 'c1:t22'],
        ['c1:t13', 'c1:t14', 'c1:t15', 'c1:t16', 'c1:t17'],
        ['c1:t8', 'c1:t9', 'c1:t10', 'c1:t11', 'c1:t12'],
        ['c1:t3', 'c1:t4', 'c1:t5', 'c1:t6', 'c1:t7'],
        ['c1:t0', 'c1:t1', 'c1:t2'],
      ]);
      expect(pages.map((page) => page.hasOlder)).to.deep.equal([true, true, true, true, false]);
    });

    it('tells the boundaries: empty, exactly full, one short, before the first message', async () => {
      const store = await openTestStore({ persist });
      expect(await store.messages('c1')).to.deep.equal({ messages: [], hasOlder: false });
      await store.putConversation(conversation());
      const all = tiedMessages();
      await addShuffled(store, all);

      const whole = await store.messages('c1', { limit: 23 });
      expect(whole.messages).to.have.length(23);
      expect(whole.hasOlder).to.equal(false);
      const shortOfOne = await store.messages('c1', { limit: 22 });
      expect(textsOf(shortOfOne)[0]).to.equal('c1:t1');
      expect(shortOfOne.hasOlder).to.equal(true);
      expect(await store.messages('c1', { before: all[0]! })).to.deep.equal({
        messages: [],
        hasOlder: false,
      });
      // The default page is 100: the whole of this conversation.
      expect((await store.messages('c1')).messages).to.have.length(23);
    });

    it('pages before any place, stored or not, and from past the newest message', async () => {
      const store = await openTestStore({ persist });
      await store.putConversation(conversation());
      await addShuffled(store, tiedMessages());
      // Between id-a-2 (t6) and id-b-2 (t7), at the same time: not a stored message.
      const between = { createdAt: 1020, id: 'id-a-2~' };
      expect(textsOf(await store.messages('c1', { limit: 3, before: between }))).to.deep.equal([
        'c1:t4',
        'c1:t5',
        'c1:t6',
      ]);
      // Between two times.
      const gap = { createdAt: 1015, id: '' };
      expect(textsOf(await store.messages('c1', { limit: 2, before: gap }))).to.deep.equal([
        'c1:t4',
        'c1:t5',
      ]);
      const future = { createdAt: 9e15, id: 'z' };
      expect(textsOf(await store.messages('c1', { limit: 2, before: future }))).to.deep.equal([
        'c1:t21',
        'c1:t22',
      ]);
    });

    it('treats a limit that is not a positive whole number as the default page', async () => {
      const store = await openTestStore({ persist });
      await store.putConversation(conversation());
      await addShuffled(store, tiedMessages());
      for (const limit of [0, -3, Number.NaN]) {
        expect((await store.messages('c1', { limit })).messages, String(limit)).to.have.length(23);
      }
      expect(textsOf(await store.messages('c1', { limit: 2.7 }))).to.deep.equal([
        'c1:t21',
        'c1:t22',
      ]);
    });
  });
}

describe('store paging (indexeddb): in bulk', () => {
  afterEach(cleanUp);

  it('reads a page of a long conversation in a few requests, never one per record', async () => {
    const store = await openTestStore({ dbName: uniqueDbName() });
    await store.putConversation(conversation());
    const server = Array.from({ length: 3000 }, (_, i) => ({
      id: `s${i}`,
      conversationId: 'c1',
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `Message ${i}`,
      createdAt: new Date(1000 + i),
    }));
    await store.reconcile('c1', server);

    // Every cursor step (open, continue, advance) is one success event on the cursor's request.
    const steps = { cursorSteps: 0, getAll: 0 };
    const index = IDBIndex.prototype;
    const originals = { openKeyCursor: index.openKeyCursor, getAll: index.getAll };
    index.openKeyCursor = function (this: IDBIndex, ...args) {
      const request = originals.openKeyCursor.apply(this, args);
      request.addEventListener('success', () => steps.cursorSteps++);
      return request;
    };
    index.getAll = function (this: IDBIndex, ...args) {
      steps.getAll++;
      return originals.getAll.apply(this, args);
    };
    let newest: MessagePage;
    let older: MessagePage;
    try {
      newest = await store.messages('c1', { limit: 200 });
      older = await store.messages('c1', { limit: 200, before: newest.messages[0]! });
    } finally {
      Object.assign(index, originals);
    }
    expect(newest.messages.map((m) => m.text)).to.deep.equal(
      server.slice(2800).map((m) => m.content),
    );
    expect(older.messages.map((m) => m.text)).to.deep.equal(
      server.slice(2600, 2800).map((m) => m.content),
    );
    // Newest page: open, advance; older page: open, step off `before`, advance. One getAll each.
    expect(steps).to.deep.equal({ cursorSteps: 5, getAll: 2 });
  });
});
