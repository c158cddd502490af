import { expect, waitUntil } from '@open-wc/testing';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import {
  mountWidget,
  part,
  seedHistory,
  serverConversation,
  shadow,
  uniqueNamespace,
  untilCallState,
} from './widget.js';

/** The history view's items, as the visitor reads them. */
const items = (el: KrosaiConversation) =>
  [...shadow(el).querySelectorAll('.history li')].map((item) => ({
    title: item.querySelector('.history-title')?.textContent ?? '',
    date: item.querySelector('time')?.getAttribute('datetime') ?? '',
    details:
      item.querySelector('[part~="history-details"]')?.textContent?.replace(/\s+/g, ' ').trim() ??
      '',
    first: item.querySelector('[part~="history-first-line"]')?.textContent ?? '',
    actions: [...item.querySelectorAll('.history-actions button')].map(
      (button) => button.getAttribute('part')?.split(' ')[1] ?? '',
    ),
  }));

async function twoConversations() {
  const namespace = uniqueNamespace();
  const now = Date.now();
  await seedHistory(
    namespace,
    {
      id: `${namespace}-done`,
      title: 'Done',
      status: 'completed',
      current: false,
      createdAt: now - 120_000,
    },
    [
      { role: 'user', text: 'My order is late\nsecond line' },
      { role: 'assistant', text: 'Sorry about that' },
      { role: 'user', text: 'Thanks' },
    ],
  );
  // The open one is on the server too, so it can go on.
  const open = await serverConversation([{ role: 'user', content: 'Can I change my plan?' }]);
  await seedHistory(
    namespace,
    {
      id: open.id,
      title: 'Open',
      status: 'active',
      current: false,
      createdAt: now - 60_000,
    },
    [{ role: 'user', text: 'Can I change my plan?' }],
  );
  await seedHistory(namespace, { id: `${namespace}-now`, title: 'Now', createdAt: now - 1_000 }, [
    { role: 'user', text: 'Hello' },
  ]);
  const { el } = await mountWidget({ namespace });
  part(el, 'history-button')!.click();
  const openId = open.id;
  await waitUntil(
    () => items(el).length === 3 && items(el).every((item) => item.details !== ''),
    'the history view never showed every conversation’s details',
  );
  return { el, namespace, openId };
}

describe('Continue later: the history view', () => {
  it('shows each conversation’s date, length, state and first line', async () => {
    const { el } = await twoConversations();
    const [now, open, done] = items(el);
    expect(done).to.deep.include({
      title: 'Done',
      details: '3 messages · Ended',
      first: 'My order is late',
      actions: ['history-start-anew-button', 'history-download-button'],
    });
    expect(done!.date).to.match(/^\d{4}-\d{2}-\d{2}T/);
    expect(open).to.deep.include({
      title: 'Open',
      details: '1 message · Still open',
      first: 'Can I change my plan?',
      actions: [
        'history-continue-voice-button',
        'history-continue-text-button',
        'history-download-button',
      ],
    });
    expect(now!.title).to.equal('Now');
    await expect(el).to.be.accessible();
  });

  it('a completed conversation offers to start anew', async () => {
    const { el } = await twoConversations();
    const before = el.conversationId;
    const item = [...shadow(el).querySelectorAll('.history li')][2]!;
    item.querySelector<HTMLElement>('[part~="history-start-anew-button"]')!.click();
    await waitUntil(() => el.conversationId !== before, 'still the old conversation');
    expect(el.conversationId).to.equal(null);
    expect(shadow(el).querySelector('.history')).to.equal(null);
  });

  it('an open conversation continues in text: it is shown and the text field has focus', async () => {
    const { el, openId } = await twoConversations();
    const item = [...shadow(el).querySelectorAll('.history li')][1]!;
    item.querySelector<HTMLElement>('[part~="history-continue-text-button"]')!.click();
    await waitUntil(() => el.conversationId === openId, 'not shown');
    await waitUntil(
      () => shadow(el).activeElement === part(el, 'composer-input'),
      'the text field has no focus',
    );
  });

  it('an open conversation continues by voice: it is shown and a call starts in it', async () => {
    const { el, openId } = await twoConversations();
    const item = [...shadow(el).querySelectorAll('.history li')][1]!;
    item.querySelector<HTMLElement>('[part~="history-continue-voice-button"]')!.click();
    await untilCallState(el, 'connected');
    expect(el.conversationId).to.equal(openId);
    expect(el.callMode).to.equal('voice');
  });

  it('the over notice under a completed conversation offers to start anew', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `${namespace}-c`, status: 'completed' }, [
      { role: 'user', text: 'Bye' },
    ]);
    const { el } = await mountWidget({ namespace });
    await waitUntil(() => part(el, 'start-anew-button'), 'no way to start anew');
    part(el, 'start-anew-button')!.click();
    await waitUntil(() => el.conversationId === null, 'still the old conversation');
  });
});
