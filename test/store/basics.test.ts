import { expect } from '@open-wc/testing';
import { cleanUp, conversation, message, openTestStore, STORE_KINDS, texts } from './helpers.js';

for (const [kind, persist] of STORE_KINDS) {
  describe(`store basics (${kind})`, () => {
    afterEach(cleanUp);

    it('keeps one current conversation per agent and namespace', async () => {
      const store = await openTestStore({ persist });
      await store.putConversation(conversation({ id: 'old', current: true }));
      await store.putConversation(conversation({ id: 'new', current: true, updatedAt: 5 }));
      await store.putConversation(
        conversation({ id: 'other', namespace: 'site-b', current: true }),
      );
      expect((await store.currentConversation('site-a', 'agent-1'))?.id).to.equal('new');
      expect((await store.getConversation('old'))?.current).to.equal(false);
      expect((await store.currentConversation('site-b', 'agent-1'))?.id).to.equal('other');
      expect(await store.currentConversation('site-a', 'agent-2')).to.equal(undefined);
    });

    it('lists a namespace newest first, without other namespaces', async () => {
      const store = await openTestStore({ persist });
      await store.putConversation(conversation({ id: 'a', updatedAt: 1 }));
      await store.putConversation(conversation({ id: 'b', updatedAt: 3 }));
      await store.putConversation(conversation({ id: 'c', updatedAt: 2 }));
      await store.putConversation(conversation({ id: 'x', namespace: 'site-b' }));
      const ids = (await store.listConversations('site-a')).map((c) => c.id);
      expect(ids).to.deep.equal(['b', 'c', 'a']);
    });

    it('reads the newest page, oldest first, in message order (time, then id)', async () => {
      const store = await openTestStore({ persist });
      for (let i = 0; i < 25; i++) {
        await store.addMessage(message({ id: `m${i}`, text: `t${i}`, createdAt: 1000 + i }));
      }
      for (const id of ['b', 'a']) {
        await store.addMessage(message({ id, text: id, createdAt: 2000 }));
      }
      const last = await store.messages('c1', { limit: 10 });
      expect(last.messages.map((m) => m.text)).to.deep.equal([
        ...Array.from({ length: 8 }, (_, i) => `t${17 + i}`),
        'a',
        'b',
      ]);
      expect((await store.messages('c1')).messages).to.have.length(27);
    });

    it('never stores system messages', async () => {
      const store = await openTestStore({ persist });
      await store.addMessage(message({ id: 's', role: 'system', text: 'You are an agent' }));
      await store.addMessage(message({ id: 'u', text: 'Hi' }));
      expect(await texts(store)).to.deep.equal(['Hi']);
    });

    it('clears one namespace, or everything', async () => {
      const store = await openTestStore({ persist });
      await store.putConversation(conversation({ id: 'a1', namespace: 'a' }));
      await store.putConversation(conversation({ id: 'b1', namespace: 'b' }));
      await store.addMessage(message({ conversationId: 'a1', text: 'in a' }));
      await store.addMessage(message({ conversationId: 'b1', text: 'in b' }));
      await store.clear('a');
      expect(await store.listConversations('a')).to.deep.equal([]);
      expect(await texts(store, 'a1')).to.deep.equal([]);
      expect((await store.listConversations('b')).map((c) => c.id)).to.deep.equal(['b1']);
      await store.clear();
      expect(await store.listConversations('b')).to.deep.equal([]);
      expect(await texts(store, 'b1')).to.deep.equal([]);
    });
  });
}
