import { expect } from '@open-wc/testing';
import {
  at,
  cleanUp,
  conversation,
  message,
  openTestStore,
  STORE_KINDS,
  segment,
  serverMessage,
  uniqueDbName,
} from './helpers.js';

// Issue 14's additions to the store: feedback on messages and a rating on conversations (optional
// fields, kept across reads and reopening, and across a reconcile that replaces a live message by
// the server's), and summary(): a conversation's length and first message.

for (const [kind, persist] of STORE_KINDS) {
  describe(`store (${kind}): feedback, rating and summary`, () => {
    afterEach(cleanUp);

    it('keeps a message’s feedback and a conversation’s rating', async () => {
      const dbName = uniqueDbName();
      const store = await openTestStore({ persist, dbName });
      await store.putConversation(conversation({ rating: 4 }));
      await store.addMessage(message({ id: 'a1', role: 'assistant', feedback: 'down' }));
      expect((await store.getConversation('c1'))?.rating).to.equal(4);
      expect((await store.messages('c1')).messages[0]?.feedback).to.equal('down');
      if (persist === 'local') {
        store.close();
        const reopened = await openTestStore({ persist, dbName });
        expect((await reopened.getConversation('c1'))?.rating).to.equal(4);
        expect((await reopened.messages('c1')).messages[0]?.feedback).to.equal('down');
      }
    });

    it('carries feedback on a live message over to the server message that replaces it', async () => {
      const store = await openTestStore({ persist });
      await store.putConversation(conversation());
      const live = await store.upsertSegment(
        segment({
          role: 'assistant',
          text: 'Your order ships today',
          final: true,
          createdAt: at(1),
        }),
      );
      await store.addMessage({ ...live, feedback: 'up' });
      await store.reconcile('c1', [serverMessage('s1', 'assistant', 'Your order ships today', 1)]);
      const { messages } = await store.messages('c1');
      expect(messages.map((m) => [m.id, m.origin, m.feedback])).to.deep.equal([
        ['s1', 'server', 'up'],
      ]);
    });

    it('summarises a conversation: its length and first message', async () => {
      const store = await openTestStore({ persist });
      await store.putConversation(conversation());
      expect(await store.summary('c1')).to.deep.equal({ count: 0 });
      await store.addMessage(message({ id: 'm2', text: 'second', createdAt: at(2) }));
      await store.addMessage(message({ id: 'm1', text: 'first', createdAt: at(1) }));
      await store.addMessage(message({ id: 'm3', text: 'third', createdAt: at(3) }));
      const summary = await store.summary('c1');
      expect(summary.count).to.equal(3);
      expect(summary.first?.text).to.equal('first');
    });
  });
}
