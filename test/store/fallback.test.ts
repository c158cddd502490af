import { expect, waitUntil } from '@open-wc/testing';
import type { KrosaiError } from '../../src/errors.js';
import {
  cleanUp,
  conversation,
  durableTexts,
  message,
  openTestStore,
  segment,
  texts,
  uniqueDbName,
} from './helpers.js';
import { wrapFactory } from './wrapped-factory.js';

function warningsList() {
  const warnings: KrosaiError[] = [];
  return { warnings, onWarning: (error: KrosaiError) => warnings.push(error) };
}

/** Runs `work` while `window.indexedDB` reads as `read` does, then puts the real one back. */
async function withIndexedDB(read: () => IDBFactory | undefined, work: () => Promise<void>) {
  const real = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
  Object.defineProperty(window, 'indexedDB', { get: read, configurable: true });
  try {
    await work();
  } finally {
    Object.defineProperty(window, 'indexedDB', real);
  }
}

describe('storage failures', () => {
  afterEach(cleanUp);

  it('keeps history in memory when the browser has no IndexedDB', async () => {
    const { warnings, onWarning } = warningsList();
    await withIndexedDB(
      () => undefined,
      async () => {
        const store = await openTestStore({ onWarning });
        await store.addMessage(message({ text: 'kept in memory' }));
        expect(await texts(store)).to.deep.equal(['kept in memory']);
      },
    );
    expect(warnings.map((w) => w.reason)).to.deep.equal(['storage-unavailable']);
  });

  it('keeps history in memory when reaching IndexedDB throws (blocked third-party storage)', async () => {
    const { warnings, onWarning } = warningsList();
    await withIndexedDB(
      () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
      async () => {
        const store = await openTestStore({ onWarning });
        await store.addMessage(message({ text: 'kept in memory' }));
        expect(await texts(store)).to.deep.equal(['kept in memory']);
      },
    );
    expect(warnings.map((w) => w.reason)).to.deep.equal(['storage-unavailable']);
  });

  it('keeps history in memory when IndexedDB is refused', async () => {
    const wrapped = wrapFactory();
    wrapped.refuseOpenWith = 'SecurityError';
    const { warnings, onWarning } = warningsList();
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName, indexedDB: wrapped.factory, onWarning });
    expect(warnings.map((w) => w.reason)).to.deep.equal(['storage-unavailable']);
    await store.putConversation(conversation({ current: true }));
    await store.addMessage(message({ text: 'kept in memory' }));
    expect((await store.currentConversation('site-a', 'agent-1'))?.id).to.equal('c1');
    expect(await texts(store)).to.deep.equal(['kept in memory']);
    expect(await durableTexts(dbName)).to.deep.equal([]);
  });

  it('prunes the oldest conversation and retries once when the quota is exceeded', async () => {
    const wrapped = wrapFactory();
    const { warnings, onWarning } = warningsList();
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName, indexedDB: wrapped.factory, onWarning });
    await store.putConversation(conversation({ id: 'oldest', updatedAt: 1 }));
    await store.putConversation(conversation({ id: 'c1', updatedAt: 2, current: true }));
    wrapped.failWrites = 1;
    await store.addMessage(message({ text: 'fits after pruning' }));
    expect(warnings).to.deep.equal([]);
    expect(await store.getConversation('oldest')).to.equal(undefined);
    expect(await texts(store)).to.deep.equal(['fits after pruning']);
    expect(await durableTexts(dbName)).to.deep.equal(['fits after pruning']);
  });

  it('reports storage-full and keeps everything shown in memory when pruning is not enough', async () => {
    const wrapped = wrapFactory();
    const { warnings, onWarning } = warningsList();
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName, indexedDB: wrapped.factory, onWarning });
    await store.putConversation(conversation({ current: true }));
    await store.addMessage(message({ id: 'm1', text: 'shown before', createdAt: 1 }));
    expect(await texts(store)).to.deep.equal(['shown before']);
    wrapped.failWrites = Number.POSITIVE_INFINITY;
    await store.addMessage(message({ id: 'm2', text: 'written when full', createdAt: 2 }));
    expect(warnings.map((w) => w.reason)).to.deep.equal(['storage-full']);
    expect((await store.currentConversation('site-a', 'agent-1'))?.id).to.equal('c1');
    expect(await texts(store)).to.deep.equal(['shown before', 'written when full']);
    expect(await durableTexts(dbName)).to.deep.equal(['shown before']);
  });

  it('falls back to memory when IndexedDB breaks mid-session', async () => {
    const wrapped = wrapFactory();
    const { warnings, onWarning } = warningsList();
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName, indexedDB: wrapped.factory, onWarning });
    await store.addMessage(message({ id: 'm1', text: 'shown before', createdAt: 1 }));
    expect(await texts(store)).to.deep.equal(['shown before']);
    wrapped.failWritesWith = 'UnknownError';
    wrapped.failWrites = Number.POSITIVE_INFINITY;
    await store.upsertSegment(segment({ text: 'spoken while broken', createdAt: 2, final: true }));
    await waitUntil(() => warnings.length > 0, 'no warning', { timeout: 10_000 });
    expect(warnings.map((w) => w.reason)).to.deep.equal(['storage-unavailable']);
    expect(await texts(store)).to.deep.equal(['shown before', 'spoken while broken']);
    expect(await durableTexts(dbName)).to.deep.equal(['shown before']);
  });

  it('reopens after the browser ends the connection', async () => {
    const wrapped = wrapFactory();
    const { warnings, onWarning } = warningsList();
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName, indexedDB: wrapped.factory, onWarning });
    await store.addMessage(message({ id: 'm1', text: 'before', createdAt: 1 }));
    wrapped.terminate();
    await store.addMessage(message({ id: 'm2', text: 'after', createdAt: 2 }));
    expect(warnings).to.deep.equal([]);
    expect(await texts(store)).to.deep.equal(['before', 'after']);
    expect(await durableTexts(dbName)).to.deep.equal(['before', 'after']);
  });

  it('falls back to memory when an ended connection cannot be reopened', async () => {
    const wrapped = wrapFactory();
    const { warnings, onWarning } = warningsList();
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName, indexedDB: wrapped.factory, onWarning });
    await store.addMessage(message({ id: 'm1', text: 'shown before', createdAt: 1 }));
    expect(await texts(store)).to.deep.equal(['shown before']);
    wrapped.terminate();
    wrapped.refuseOpenWith = 'UnknownError';
    await store.addMessage(message({ id: 'm2', text: 'after', createdAt: 2 }));
    expect(warnings.map((w) => w.reason)).to.deep.equal(['storage-unavailable']);
    expect(await texts(store)).to.deep.equal(['shown before', 'after']);
    expect(await durableTexts(dbName)).to.deep.equal(['shown before']);
  });

  it('keeps what two widgets on one page wrote to the same session store', async () => {
    const dbName = `session-${Math.random()}`;
    const first = await openTestStore({ persist: 'session', dbName });
    const second = await openTestStore({ persist: 'session', dbName });
    const heard: string[] = [];
    second.subscribe((change) => heard.push(change.type));
    await first.putConversation(conversation({ id: 'from-first', namespace: 'widget-a' }));
    await second.putConversation(conversation({ id: 'from-second', namespace: 'widget-b' }));
    first.close();
    // The other widget's store still works, and still hears about changes.
    await second.addMessage(message({ conversationId: 'from-second', text: 'still here' }));
    expect(heard).to.include('messages');
    second.close();

    // A reload of the tab: both widgets' conversations are there.
    const reopened = await openTestStore({ persist: 'session', dbName });
    expect((await reopened.listConversations('widget-a')).map((c) => c.id)).to.deep.equal([
      'from-first',
    ]);
    expect((await reopened.listConversations('widget-b')).map((c) => c.id)).to.deep.equal([
      'from-second',
    ]);
    expect(await texts(reopened, 'from-second')).to.deep.equal(['still here']);
  });

  it('keeps a session store across reopening in the same tab', async () => {
    const dbName = `session-${Math.random()}`;
    const first = await openTestStore({ persist: 'session', dbName });
    await first.addMessage(message({ text: 'survives a reload' }));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    const second = await openTestStore({ persist: 'session', dbName });
    expect(await texts(second)).to.deep.equal(['survives a reload']);
  });
});
