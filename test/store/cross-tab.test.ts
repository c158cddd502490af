import { expect, waitUntil } from '@open-wc/testing';
import type { StoreChange } from '../../src/store/types.js';
import {
  cleanUp,
  conversation,
  message,
  openTestStore,
  recordChanges,
  segment,
  texts,
  uniqueDbName,
} from './helpers.js';

/** Two store instances on one database stand for two tabs of the same site. */
async function twoTabs() {
  const dbName = uniqueDbName();
  const first = await openTestStore({ dbName });
  const second = await openTestStore({ dbName });
  return { first, second };
}

function waitForChange(changes: StoreChange[], matches: (change: StoreChange) => boolean) {
  return waitUntil(() => changes.some(matches), 'the other tab heard nothing', { timeout: 10_000 });
}

describe('cross-tab sync', () => {
  afterEach(cleanUp);

  it("shows one tab's conversation and messages in the other, with the records", async () => {
    const { first, second } = await twoTabs();
    const heard = recordChanges(second);
    await first.putConversation(conversation({ current: true, title: 'From tab one' }));
    await first.addMessage(message({ text: 'typed in tab one' }));
    await waitForChange(heard, (c) => c.type === 'messages');
    const conversationChange = heard.find((c) => c.type === 'conversation');
    expect(
      conversationChange?.type === 'conversation' && conversationChange.conversation?.title,
    ).to.equal('From tab one');
    const messagesChange = heard.find((c) => c.type === 'messages');
    expect(
      messagesChange?.type === 'messages' && messagesChange.messages?.map((m) => m.text),
    ).to.deep.equal(['typed in tab one']);
    expect((await second.currentConversation('site-a', 'agent-1'))?.title).to.equal('From tab one');
    expect(await texts(second)).to.deep.equal(['typed in tab one']);
  });

  it('streams live segments to the other tab once written', async () => {
    const { first, second } = await twoTabs();
    const heard = recordChanges(second);
    await first.upsertSegment(segment({ text: 'Hel' }));
    await first.upsertSegment(segment({ text: 'Hello there', final: true }));
    await waitForChange(
      heard,
      (c) => c.type === 'messages' && c.messages?.some((m) => m.state === 'final') === true,
    );
    const last = heard.at(-1);
    expect(last?.type === 'messages' && last.messages?.[0]).to.include({
      id: 'live:SG_1',
      text: 'Hello there',
    });
    expect(await texts(second)).to.deep.equal(['Hello there']);
  });

  it('tells the other tab about clearing', async () => {
    const { first, second } = await twoTabs();
    await first.putConversation(conversation({ id: 'c1' }));
    await first.putConversation(conversation({ id: 'c2' }));
    const heard = recordChanges(second);
    await first.clear('site-a');
    await waitForChange(heard, (c) => c.type === 'cleared');
    expect(heard).to.deep.include({ type: 'cleared', namespace: 'site-a' });
    expect(await second.listConversations('site-a')).to.deep.equal([]);
  });
});
