import { expect, waitUntil } from '@open-wc/testing';
import { openDB } from 'idb';
import type { KrosaiError } from '../../src/errors.js';
import { DB_VERSION, type KrosaiDatabase, migrate } from '../../src/store/idb/schema.js';
import {
  cleanUp,
  conversation,
  durableTexts,
  message,
  openTestStore,
  texts,
  uniqueDbName,
} from './helpers.js';

/** Writes data the way version 1 of the widget did: messages without `state` or `origin`. */
async function writeVersionOne(dbName: string) {
  const db = await openDB(dbName, 1, {
    upgrade: (database, oldVersion, _newVersion, tx) =>
      migrate(database as unknown as KrosaiDatabase, oldVersion, 1, tx as never),
  });
  await db.put('conversations', conversation({ current: true }));
  const v1Message = (id: string, text: string, createdAt: number) => {
    const { state: _state, origin: _origin, ...rest } = message({ id, text, createdAt });
    return rest;
  };
  await db.put('messages', v1Message('s1', 'From the server', 1));
  await db.put('messages', v1Message('live:SG_9', 'Spoken live', 2));
  db.close();
}

describe('schema and migrations', () => {
  afterEach(cleanUp);

  it('migrates data written by version 1', async () => {
    const dbName = uniqueDbName();
    await writeVersionOne(dbName);
    const store = await openTestStore({ dbName });
    expect((await store.currentConversation('site-a', 'agent-1'))?.id).to.equal('c1');
    const page = await store.messages('c1');
    expect(page.messages.map((m) => [m.id, m.state, m.origin])).to.deep.equal([
      ['s1', 'final', 'server'],
      ['live:SG_9', 'final', 'live'],
    ]);
    store.close();
    const raw = await openDB(dbName);
    expect(raw.version).to.equal(DB_VERSION);
    expect([...raw.transaction('messages').store.indexNames]).to.include('by-segment');
    raw.close();
  });

  it('waits for an older tab that lets the upgrade through', async () => {
    const dbName = uniqueDbName();
    await writeVersionOne(dbName);
    const olderTab = await openDB(dbName, 1);
    let asked = false;
    // The older tab closes a moment after it is asked to, so the upgrade is blocked meanwhile.
    olderTab.addEventListener('versionchange', () => {
      asked = true;
      setTimeout(() => olderTab.close(), 200);
    });
    const store = await openTestStore({ dbName, blockedTimeoutMs: 10_000 });
    expect(asked).to.equal(true);
    expect(await texts(store)).to.deep.equal(['From the server', 'Spoken live']);
    await store.addMessage(message({ id: 'm2', text: 'after the upgrade', createdAt: 2e12 }));
    expect(await durableTexts(dbName)).to.deep.equal([
      'From the server',
      'Spoken live',
      'after the upgrade',
    ]);
  });

  it('falls back to memory when an older tab never lets the upgrade through', async () => {
    const dbName = uniqueDbName();
    await writeVersionOne(dbName);
    const olderTab = await openDB(dbName, 1);
    const warnings: KrosaiError[] = [];
    try {
      const store = await openTestStore({
        dbName,
        blockedTimeoutMs: 300,
        onWarning: (error) => warnings.push(error),
      });
      expect(warnings.map((w) => w.reason)).to.deep.equal(['storage-unavailable']);
      await store.addMessage(message({ text: 'still works' }));
      expect(await texts(store)).to.deep.equal(['still works']);
      // Not written to IndexedDB: the older tab, which still holds it, sees only version 1's data.
      const durable = await olderTab.getAll('messages');
      expect(durable.map((m) => m.text)).to.have.members(['From the server', 'Spoken live']);
    } finally {
      olderTab.close();
    }
  });

  it('steps aside when a newer tab upgrades, then carries on', async () => {
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName });
    await store.addMessage(message({ text: 'before the upgrade' }));
    const newerTab = await openDB(dbName, DB_VERSION + 1, {
      upgrade: (_db, _old, _new, tx) => tx.objectStore('messages').createIndex('by-role', 'role'),
    });
    newerTab.close();
    await store.addMessage(message({ id: 'm2', text: 'after the upgrade', createdAt: 2e12 }));
    expect(await texts(store)).to.deep.equal(['before the upgrade', 'after the upgrade']);
    expect(await durableTexts(dbName)).to.deep.equal(['before the upgrade', 'after the upgrade']);
  });

  it('lets another tab delete the database', async () => {
    const dbName = uniqueDbName();
    const store = await openTestStore({ dbName });
    await store.addMessage(message({ text: 'soon gone' }));
    let blocked = false;
    const deletion = indexedDB.deleteDatabase(dbName);
    deletion.onblocked = () => {
      blocked = true;
    };
    await waitUntil(() => deletion.readyState === 'done', 'deletion never finished', {
      timeout: 10_000,
    });
    expect(blocked).to.equal(false);
    expect(await texts(store)).to.deep.equal([]);
  });
});
