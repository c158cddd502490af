import { expect, waitUntil } from '@open-wc/testing';
import { deferred, openSession, SharedMemoryStore, StubApi, seedConversation } from './harness.js';

describe('a conversation session', () => {
  it('shows the stored conversation at once and creates nothing on a page view', async () => {
    const store = new SharedMemoryStore();
    const api = new StubApi();
    const seeded = await seedConversation(store, api);
    await store.addMessage({
      id: 'm1',
      conversationId: seeded.id,
      role: 'assistant',
      text: 'Hello again',
      createdAt: Date.now() - 1000,
      state: 'final',
      origin: 'live',
    });
    const { session } = openSession({ store, api });
    await waitUntil(() => !session.view.loading, 'never loaded');
    expect(session.view.conversation?.id).to.equal(seeded.id);
    expect(session.view.messages.map((m) => m.text)).to.deep.equal(['Hello again']);
    await waitUntil(() => api.calls.includes('getMessages'), 'never synced');
    expect(api.calls).not.to.include('createConversation');
  });

  it('creates the conversation on the first engagement and keeps it as current', async () => {
    const { session, store, of } = openSession();
    await session.start();
    const created = of('conversation-created')[0]?.conversation;
    expect(created, 'a created event').to.exist;
    expect(of('conversation-changed')[0]?.conversation?.id).to.equal(created!.id);
    const current = await store.currentConversation(created!.namespace, created!.agentId);
    expect(current?.id).to.equal(created!.id);
  });

  it('turns transcripts into one message per segment: interim, then final', async () => {
    const { session, voice, of } = openSession();
    await session.start();
    await waitUntil(() => session.call.state === 'connected', 'never connected');
    voice.last.transcript({ segmentId: 's1', text: 'Hel', final: false });
    voice.last.transcript({ segmentId: 's1', text: 'Hello there' });
    expect(session.view.messages.map((m) => [m.text, m.state])).to.deep.equal([
      ['Hello there', 'final'],
    ]);
    expect(of('transcript').map((event) => event.message.text)).to.deep.equal(['Hel']);
    expect(of('message').map((event) => event.message.text)).to.deep.equal(['Hello there']);
  });

  it('sends typed text with no call by starting one, and keeps it as typed', async () => {
    const { session, voice, store } = openSession();
    expect(await session.send('   ')).to.equal(false);
    expect(await session.send('  Hi agent\r\n')).to.equal(true);
    expect(voice.last.sentTexts).to.deep.equal(['  Hi agent\r\n']);
    const id = session.view.conversation!.id;
    const { messages } = await store.messages(id);
    expect(messages.map((m) => [m.role, m.text])).to.deep.equal([['user', '  Hi agent\r\n']]);
  });

  it('throws away a server answer that comes after a restart', async () => {
    const store = new SharedMemoryStore();
    const api = new StubApi();
    const seeded = await seedConversation(store, api);
    api.conversations.set(seeded.id, { ...api.conversations.get(seeded.id)!, status: 'completed' });
    const release = api.hold('getConversation');
    const first = openSession({ store, api });
    await waitUntil(() => api.calls.includes('getConversation'), 'never asked the server');
    // The element is reconfigured: the first session closes, a second takes over.
    first.session.close();
    const eventsAtClose = first.events.length;
    const second = openSession({ store, api });
    await waitUntil(() => !second.session.view.loading, 'the second never loaded');
    release();
    await waitUntil(() => api.calls.filter((c) => c === 'getMessages').length >= 1, 'no sync');
    await second.session.end();
    expect(first.events.length, 'a closed session says nothing').to.equal(eventsAtClose);
    expect(first.session.view.conversation?.status, 'nor takes the late answer').to.equal('active');
    expect(second.session.view.conversation?.status).to.equal('completed');
  });

  it('creates no conversation for a start the restart overtook', async () => {
    const api = new StubApi();
    const release = api.hold('createConversation');
    const first = openSession({ api });
    const starting = first.session.start();
    await waitUntil(() => api.calls.includes('createConversation'), 'never asked to create');
    first.session.close();
    release();
    expect(await starting).to.equal(false);
    expect(first.of('conversation-created')).to.deep.equal([]);
    expect(first.voice.sessions.every((voice) => voice.connectOptions.length === 0)).to.equal(true);
  });

  it('drops the messages a closed session reads late', async () => {
    const store = new SharedMemoryStore();
    const api = new StubApi();
    const seeded = await seedConversation(store, api);
    await store.addMessage({
      id: 'late',
      conversationId: seeded.id,
      role: 'assistant',
      text: 'Read too late',
      createdAt: Date.now(),
      state: 'final',
      origin: 'live',
    });
    const gate = deferred<void>();
    let readLate = false;
    const slowStore = Object.create(store) as SharedMemoryStore;
    slowStore.messages = async (...args) => {
      await gate.promise;
      const page = await store.messages(...args);
      readLate = true;
      return page;
    };
    const { session, events } = openSession({ store: slowStore, api });
    await waitUntil(() => session.view.conversation !== undefined, 'never showed it');
    session.close();
    const before = events.length;
    gate.resolve();
    await waitUntil(() => readLate, 'the late read never finished');
    expect(events.length).to.equal(before);
    expect(session.view.messages).to.deep.equal([]);
  });

  it("opens on the newest page, and patches in the server's transcript without reading again", async () => {
    const store = new SharedMemoryStore();
    const api = new StubApi();
    const seeded = await seedConversation(store, api);
    const start = Date.now() - 600_000;
    for (let i = 0; i < 120; i++) {
      await store.addMessage({
        id: `m${String(i).padStart(3, '0')}`,
        conversationId: seeded.id,
        role: i % 2 ? 'assistant' : 'user',
        text: `Stored ${i}`,
        createdAt: start + i * 1000,
        state: 'final',
        origin: 'live',
      });
    }
    api.messages.set(seeded.id, [
      {
        id: 'srv-1',
        conversationId: seeded.id,
        role: 'assistant',
        content: 'From the server',
        createdAt: new Date(),
      },
    ]);
    const reads: unknown[] = [];
    const counting = Object.create(store) as SharedMemoryStore;
    counting.messages = (...args) => {
      reads.push(args[1]);
      return store.messages(...args);
    };
    const { session } = openSession({ store: counting, api });
    await waitUntil(
      () => session.view.messages.at(-1)?.text === 'From the server',
      "the server's message never showed",
    );
    const texts = session.view.messages.map((m) => m.text);
    expect(texts).to.have.length(51);
    expect(texts[0]).to.equal('Stored 70');
    expect(session.view.hasOlder).to.equal(true);
    expect(reads, 'one page read, none after the sync').to.have.length(1);

    await session.loadOlder();
    expect(session.view.messages[0]?.text).to.equal('Stored 20');
    await session.loadOlder();
    expect(session.view.messages.map((m) => m.text).slice(0, 2)).to.deep.equal([
      'Stored 0',
      'Stored 1',
    ]);
    expect(session.view.hasOlder).to.equal(false);
    expect(session.view.messages).to.have.length(121);
    session.close();
  });
});
