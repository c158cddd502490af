import { expect } from '@open-wc/testing';
import {
  cleanUp,
  conversation,
  message,
  openTestStore,
  recordChanges,
  STORE_KINDS,
  texts,
} from './helpers.js';

for (const [kind, persist] of STORE_KINDS) {
  describe(`store basics (${kind})`, () => {
    afterEach(cleanUp);

    it(`opens as ${kind}`, async () => {
      const store = await openTestStore({ persist });
      expect(store.kind).to.equal(kind);
    });

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

    it('pages messages oldest first, from the newest back', async () => {
      const store = await openTestStore({ persist });
      for (let i = 0; i < 25; i++) {
        await store.addMessage(message({ id: `m${i}`, text: `t${i}`, createdAt: 1000 + i }));
      }
      const last = await store.messages('c1', { limit: 10 });
      expect(last.messages.map((m) => m.text)).to.deep.equal(
        Array.from({ length: 10 }, (_, i) => `t${15 + i}`),
      );
      expect(last.hasMore).to.equal(true);
      const earlier = await store.messages('c1', {
        limit: 10,
        before: last.messages[0]!.createdAt,
      });
      expect(earlier.messages[0]!.text).to.equal('t5');
      expect(earlier.messages.at(-1)!.text).to.equal('t14');
      const first = await store.messages('c1', {
        limit: 10,
        before: earlier.messages[0]!.createdAt,
      });
      expect(first.messages.map((m) => m.text)).to.deep.equal(['t0', 't1', 't2', 't3', 't4']);
      expect(first.hasMore).to.equal(false);
    });

    it('pages through messages that share one time without skipping any', async () => {
      const store = await openTestStore({ persist });
      for (const id of ['a', 'b', 'c', 'd', 'e']) {
        await store.addMessage(message({ id, text: id, createdAt: 1000 }));
      }
      await store.addMessage(message({ id: 'z', text: 'earlier', createdAt: 500 }));
      const seen: string[] = [];
      let page = await store.messages('c1', { limit: 2 });
      seen.unshift(...page.messages.map((m) => m.text));
      while (page.hasMore) {
        const oldest = page.messages[0]!;
        page = await store.messages('c1', {
          limit: 2,
          before: oldest.createdAt,
          beforeId: oldest.id,
        });
        seen.unshift(...page.messages.map((m) => m.text));
      }
      expect(seen).to.deep.equal(['earlier', 'a', 'b', 'c', 'd', 'e']);
    });

    it('never stores system messages', async () => {
      const store = await openTestStore({ persist });
      await store.addMessage(message({ id: 's', role: 'system', text: 'You are an agent' }));
      await store.addMessage(message({ id: 'u', text: 'Hi' }));
      expect(await texts(store)).to.deep.equal(['Hi']);
    });

    it('deletes one conversation with its messages', async () => {
      const store = await openTestStore({ persist });
      await store.putConversation(conversation({ id: 'c1' }));
      await store.putConversation(conversation({ id: 'c2' }));
      await store.addMessage(message({ conversationId: 'c1', text: 'one' }));
      await store.addMessage(message({ conversationId: 'c2', text: 'two' }));
      const changes = recordChanges(store);
      await store.deleteConversation('c1');
      expect(await store.getConversation('c1')).to.equal(undefined);
      expect(await texts(store, 'c1')).to.deep.equal([]);
      expect(await texts(store, 'c2')).to.deep.equal(['two']);
      expect(changes).to.deep.include({ type: 'deleted', conversationId: 'c1' });
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
