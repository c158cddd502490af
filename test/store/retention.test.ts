import { expect } from '@open-wc/testing';
import {
  cleanUp,
  conversation,
  message,
  openTestStore,
  recordChanges,
  STORE_KINDS,
  segment,
  texts,
} from './helpers.js';

for (const [kind, persist] of STORE_KINDS) {
  describe(`retention (${kind})`, () => {
    afterEach(cleanUp);

    it('keeps the most recently updated conversations of a namespace', async () => {
      const store = await openTestStore({ persist, retention: { maxConversations: 2 } });
      await store.putConversation(conversation({ id: 'oldest', updatedAt: 1 }));
      await store.addMessage(message({ conversationId: 'oldest', text: 'old words' }));
      await store.putConversation(conversation({ id: 'middle', updatedAt: 2 }));
      await store.putConversation(conversation({ id: 'elsewhere', namespace: 'b', updatedAt: 0 }));
      const changes = recordChanges(store);
      await store.putConversation(conversation({ id: 'newest', updatedAt: 3 }));
      expect((await store.listConversations('site-a')).map((c) => c.id)).to.deep.equal([
        'newest',
        'middle',
      ]);
      expect(await texts(store, 'oldest')).to.deep.equal([]);
      expect((await store.listConversations('b')).map((c) => c.id)).to.deep.equal(['elsewhere']);
      expect(changes).to.deep.include({ type: 'deleted', conversationId: 'oldest' });
    });

    it('keeps the newest messages of a conversation', async () => {
      const store = await openTestStore({ persist, retention: { maxMessagesPerConversation: 5 } });
      for (let i = 0; i < 8; i++) {
        await store.addMessage(message({ id: `m${i}`, text: `t${i}`, createdAt: 100 + i }));
      }
      await store.upsertSegment(segment({ text: 'live', createdAt: 200, final: true }));
      await store.flush();
      expect(await texts(store)).to.deep.equal(['t4', 't5', 't6', 't7', 'live']);
    });
  });
}
