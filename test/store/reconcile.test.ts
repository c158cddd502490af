import { expect } from '@open-wc/testing';
import type { ConversationStore } from '../../src/store/types.js';
import {
  at,
  cleanUp,
  message,
  openTestStore,
  recordChanges,
  STORE_KINDS,
  segment,
  serverMessage,
  texts,
} from './helpers.js';

async function said(
  store: ConversationStore,
  segmentId: string,
  role: 'user' | 'assistant',
  text: string,
  seconds: number,
) {
  await store.upsertSegment(
    segment({ segmentId, role, text, createdAt: at(seconds), final: true }),
  );
}

async function idsAndTexts(store: ConversationStore) {
  const page = await store.messages('c1', { limit: 1000 });
  return page.messages.map((m) => `${m.origin}:${m.role}:${m.text}`);
}

for (const [kind, persist] of STORE_KINDS) {
  describe(`reconciliation (${kind})`, () => {
    afterEach(cleanUp);

    it('replaces live messages with the server transcript, dropping the system prompt', async () => {
      const store = await openTestStore({ persist });
      await said(store, 'a', 'user', 'hello', 1);
      await said(store, 'b', 'assistant', 'Hi! How can I help', 2);
      await store.reconcile('c1', [
        serverMessage('s0', 'system', 'You are a helpful agent.', 0),
        serverMessage('s1', 'user', 'Hello.', 1.5),
        serverMessage('s2', 'assistant', 'Hi, how can I help?', 2.5),
      ]);
      expect(await idsAndTexts(store)).to.deep.equal([
        'server:user:Hello.',
        'server:assistant:Hi, how can I help?',
      ]);
      const page = await store.messages('c1');
      expect(page.messages.map((m) => m.segmentId)).to.deep.equal(['a', 'b']);
    });

    it('ignores a late segment update once the server message replaced it', async () => {
      const store = await openTestStore({ persist });
      await store.upsertSegment(
        segment({ segmentId: 'a', text: 'I would like', createdAt: at(1) }),
      );
      await store.reconcile('c1', [serverMessage('s1', 'user', 'I would like a coffee.', 3)]);
      expect(await texts(store)).to.deep.equal(['I would like a coffee.']);
      await store.upsertSegment(
        segment({ segmentId: 'a', text: 'I would like a coffee', createdAt: at(1), final: true }),
      );
      await store.flush();
      expect(await texts(store)).to.deep.equal(['I would like a coffee.']);
    });

    it('merges server first, live after, without duplicates', async () => {
      const store = await openTestStore({ persist });
      const server = [
        serverMessage('s1', 'user', 'What time is it?', 1),
        serverMessage('s2', 'assistant', 'It is noon.', 2),
      ];
      await store.reconcile('c1', server);
      await said(store, 'a', 'user', 'what time is it', 1);
      await said(store, 'b', 'assistant', 'It is noon', 2);
      await said(store, 'c', 'user', 'Thanks', 3);
      await store.reconcile('c1', server);
      expect(await idsAndTexts(store)).to.deep.equal([
        'server:user:What time is it?',
        'server:assistant:It is noon.',
        'live:user:Thanks',
      ]);
    });

    it('keeps a local message the server does not have, in time order', async () => {
      const store = await openTestStore({ persist });
      await said(store, 'a', 'user', 'Hi', 1);
      await store.addMessage(message({ id: 'local:1', text: 'Are you there?', createdAt: at(2) }));
      await said(store, 'b', 'assistant', 'Yes, I am here', 3);
      await store.reconcile('c1', [
        serverMessage('s1', 'user', 'Hi.', 1),
        serverMessage('s2', 'assistant', 'Yes, I am here.', 3),
      ]);
      expect(await idsAndTexts(store)).to.deep.equal([
        'server:user:Hi.',
        'live:user:Are you there?',
        'server:assistant:Yes, I am here.',
      ]);
    });

    it('stores repeated server entries once and pairs repeated words one to one', async () => {
      const store = await openTestStore({ persist });
      await said(store, 'a', 'user', 'yes', 1);
      await said(store, 'b', 'assistant', 'Shall I go on?', 2);
      await said(store, 'c', 'user', 'yes', 3);
      const first = serverMessage('s1', 'user', 'Yes.', 1);
      const server = [first, first, serverMessage('s2', 'assistant', 'Shall I go on?', 2)];
      server.push(serverMessage('s3', 'user', 'Yes.', 3));
      await store.reconcile('c1', server);
      expect(await idsAndTexts(store)).to.deep.equal([
        'server:user:Yes.',
        'server:assistant:Shall I go on?',
        'server:user:Yes.',
      ]);
      const page = await store.messages('c1');
      expect(page.messages.map((m) => m.segmentId)).to.deep.equal(['a', 'b', 'c']);
    });

    it('drops a live utterance transcribed twice when the server has it once', async () => {
      const store = await openTestStore({ persist });
      await said(store, 'a', 'user', 'hello there', 1);
      await said(store, 'a-again', 'user', 'Hello there', 1.5);
      await said(store, 'b', 'user', 'hello there', 40);
      await store.reconcile('c1', [serverMessage('s1', 'user', 'Hello there.', 1)]);
      expect(await idsAndTexts(store)).to.deep.equal([
        'server:user:Hello there.',
        'live:user:hello there',
      ]);
    });

    it('orders by the server times when the server lists messages out of order', async () => {
      const store = await openTestStore({ persist });
      await said(store, 'b', 'assistant', 'Good morning', 1);
      await said(store, 'a', 'user', 'Morning', 2);
      await store.reconcile('c1', [
        serverMessage('s2', 'assistant', 'Good morning!', 4),
        serverMessage('s1', 'user', 'Morning.', 3),
      ]);
      expect(await idsAndTexts(store)).to.deep.equal([
        'server:user:Morning.',
        'server:assistant:Good morning!',
      ]);
    });

    it('changes nothing when the same transcript is merged twice', async () => {
      const store = await openTestStore({ persist });
      await said(store, 'a', 'user', 'hello', 1);
      const server = [serverMessage('s1', 'user', 'Hello.', 1)];
      await store.reconcile('c1', server);
      const before = await store.messages('c1');
      const changes = recordChanges(store);
      await store.reconcile('c1', server);
      expect(await store.messages('c1')).to.deep.equal(before);
      expect(changes).to.deep.equal([]);
    });

    it('updates a server message whose text the server corrected', async () => {
      const store = await openTestStore({ persist });
      await store.reconcile('c1', [serverMessage('s1', 'assistant', 'It is 11.', 1)]);
      await store.reconcile('c1', [serverMessage('s1', 'assistant', 'It is 12.', 1)]);
      expect(await texts(store)).to.deep.equal(['It is 12.']);
    });

    it('places server messages without a time in the order given', async () => {
      const store = await openTestStore({ persist });
      await said(store, 'a', 'user', 'One', 1);
      await store.reconcile('c1', [
        serverMessage('s1', 'user', 'One.', null),
        serverMessage('s2', 'assistant', 'Two.', null),
      ]);
      expect(await idsAndTexts(store)).to.deep.equal(['server:user:One.', 'server:assistant:Two.']);
    });
  });
}
