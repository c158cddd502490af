import { expect, waitUntil } from '@open-wc/testing';
import { DEFAULT_DB_NAME } from '../../src/store/open-store.js';
import {
  HOSTILE_CREATED_AT,
  HOSTILE_MESSAGE_FIELDS,
  HOSTILE_TITLES,
  markupFrom,
  writeRaw,
} from '../helpers/hostile-records.js';
import {
  AGENT,
  messageTexts,
  mountWidget,
  part,
  seedHistory,
  shadow,
  uniqueNamespace,
} from './widget.js';

// The widget over hostile records written straight into the visitor's IndexedDB and
// sessionStorage: nothing renders as markup, nothing runs, the good records still show and every
// method still works.

const SESSION_KEY = `${DEFAULT_DB_NAME}:${DEFAULT_DB_NAME}`;
afterEach(() => sessionStorage.removeItem(SESSION_KEY));

function hostileRecords(namespace: string, conversationId: string) {
  const base = {
    namespace,
    agentId: AGENT,
    status: 'completed',
    createdAt: Date.now() - 120_000,
    updatedAt: Date.now() - 120_000,
    current: false,
  };
  const conversations = [
    ...HOSTILE_TITLES.map(([, title], n) => ({ ...base, id: `${namespace}-t${n}`, title })),
    ...HOSTILE_CREATED_AT.map(([, createdAt], n) => ({
      ...base,
      id: `${namespace}-d${n}`,
      title: `Dated ${n}`,
      createdAt,
    })),
  ];
  const messages = HOSTILE_MESSAGE_FIELDS.map(([, fields], n) => ({
    id: `bad-${n}`,
    conversationId,
    role: 'assistant',
    text: 'hidden',
    createdAt: Date.now() - 55_000 + n,
    state: 'final',
    origin: 'live',
    ...fields,
  }));
  return { conversations, messages };
}

describe('<krosai-conversation> over hostile stored records', () => {
  it('shows the good messages and renders every hostile title as inert text', async () => {
    const namespace = uniqueNamespace();
    const good = await seedHistory(namespace, { id: `${namespace}-good` }, [
      { role: 'user', text: 'Still here' },
      { role: 'assistant', text: 'Me too' },
    ]);
    const { conversations, messages } = hostileRecords(namespace, good.id);
    await writeRaw(DEFAULT_DB_NAME, conversations, messages);

    const { el } = await mountWidget({ namespace });
    expect(messageTexts(el)).to.deep.equal(['Still here', 'Me too']);
    part(el, 'history-button')!.click();
    const items = () => shadow(el).querySelectorAll('[part~="history-item"]');
    await waitUntil(() => items().length === conversations.length + 1, 'history incomplete');
    const history = part(el, 'history')!;
    expect(markupFrom(history)).to.equal(false);
    for (const title of history.querySelectorAll('.history-title')) {
      expect(title.children.length).to.equal(0);
    }
    // Every entry still opens.
    (items()[items().length - 1] as HTMLElement).click();
    await waitUntil(() => !part(el, 'history'), 'the history did not close');
    expect(await el.start()).to.equal(true);
    expect(markupFrom(shadow(el))).to.equal(false);
  });

  for (const [name, createdAt] of HOSTILE_CREATED_AT) {
    it(`stays usable when the current conversation's createdAt is ${name}`, async () => {
      const namespace = uniqueNamespace();
      const good = await seedHistory(namespace, { id: `${namespace}-c` }, [
        { role: 'user', text: 'Kept' },
      ]);
      await writeRaw(DEFAULT_DB_NAME, [{ ...good, createdAt }], []);
      const { el } = await mountWidget({ namespace });
      expect(messageTexts(el)).to.deep.equal(['Kept']);
      part(el, 'history-button')!.click();
      await waitUntil(() => shadow(el).querySelector('[part~="history-item"]'), 'no history');
      part(el, 'history-button')!.click();
      expect(await el.start()).to.equal(true);
    });
  }

  it('with persist="session", a bad message in the snapshot lets updateComplete and start() resolve', async () => {
    const namespace = uniqueNamespace();
    const conversationId = `${namespace}-s`;
    const current = {
      id: conversationId,
      namespace,
      agentId: AGENT,
      title: 'Session chat',
      status: 'active',
      createdAt: Date.now() - 60_000,
      updatedAt: Date.now() - 60_000,
      current: true,
    };
    const good = {
      id: 'good',
      conversationId,
      role: 'user',
      text: 'From this tab',
      createdAt: Date.now() - 50_000,
      state: 'final',
      origin: 'live',
    };
    const { conversations, messages } = hostileRecords(namespace, conversationId);
    sessionStorage.setItem(
      SESSION_KEY,
      JSON.stringify({ conversations: [current, ...conversations], messages: [good, ...messages] }),
    );
    const { el } = await mountWidget({ namespace, persist: 'session' });
    await el.updateComplete;
    expect(messageTexts(el)).to.deep.equal(['From this tab']);
    expect(await el.start()).to.equal(true);
    expect(markupFrom(shadow(el))).to.equal(false);
  });
});
