import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  messageTexts,
  mountWidget,
  part,
  seedHistory,
  shadow,
  uniqueNamespace,
  untilCallState,
  untilMessages,
} from './widget.js';

const focused = (el: HTMLElement) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Tabs until `predicate` holds for the focused element inside the widget. */
async function tabTo(el: HTMLElement, predicate: (node: HTMLElement) => boolean, shift = false) {
  for (let i = 0; i < 20; i++) {
    await sendKeys({ press: shift ? 'Shift+Tab' : 'Tab' });
    const node = focused(el);
    if (node && predicate(node)) return node;
  }
  throw new Error('Never reached the wanted control with Tab.');
}
const hasPart = (name: string) => (node: HTMLElement) =>
  (node.getAttribute('part') ?? '').split(' ').includes(name);

describe('<krosai-conversation> accessibility', () => {
  it('is accessible when empty, with history, in a call, with interim text and in history view', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `c-${namespace}`, status: 'completed' }, [
      { role: 'user', text: 'Hi https://example.com' },
      { role: 'assistant', text: 'Hello' },
    ]);
    const empty = await mountWidget();
    await expect(empty.el).to.be.accessible();
    // One widget at a time.
    empty.el.parentElement!.remove();

    const { el, voice } = await mountWidget({ namespace });
    await expect(el).to.be.accessible();

    await el.start();
    await untilCallState(el, 'connected');
    voice.last.transcript({ segmentId: 'i', role: 'user', text: 'Typing', final: false });
    await untilMessages(el, ['Typing']);
    await expect(el).to.be.accessible();

    part(el, 'history-button')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('is accessible in dark theme and in the launcher, closed and open', async () => {
    const { el } = await mountWidget({ layout: 'launcher' });
    el.theme = 'dark';
    await expect(el).to.be.accessible();
    await el.show();
    await expect(el).to.be.accessible();
  });

  it('announces final messages once in a log, never interim text', async () => {
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    const log = shadow(el).querySelector('[role="log"]')!;
    voice.last.transcript({ segmentId: 's', role: 'user', text: 'Hel', final: false });
    voice.last.transcript({ segmentId: 's', role: 'user', text: 'Hello', final: false });
    await untilMessages(el, ['Hello']);
    expect(log.textContent?.trim()).to.equal('');
    voice.last.transcript({ segmentId: 's', role: 'user', text: 'Hello agent', final: true });
    voice.last.transcript({ segmentId: 'r', text: 'Hi visitor' });
    await waitUntil(() => log.querySelectorAll('p').length === 2, 'not announced');
    expect([...log.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
      'You: Hello agent',
      'Agent: Hi visitor',
    ]);
  });

  it('works with the keyboard alone: open, call, mute, type, send, hang up, close', async () => {
    const { el, voice } = await mountWidget({ layout: 'launcher' });
    part(el, 'launcher')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(el) && hasPart('mic-button')(focused(el)!), 'focus not in panel');

    await sendKeys({ press: 'Enter' });
    await untilCallState(el, 'connected');
    expect(hasPart('hangup-button')(focused(el)!)).to.equal(true);

    await tabTo(el, hasPart('mute-button'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => voice.last.muted, 'Space did not mute');

    await tabTo(el, hasPart('composer-input'));
    await sendKeys({ type: 'Hello by keyboard' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => voice.last.sentTexts.includes('Hello by keyboard'), 'not sent');
    await waitUntil(() => messageTexts(el).includes('Hello by keyboard'), 'not shown');

    await tabTo(el, hasPart('hangup-button'), true);
    await sendKeys({ press: 'Enter' });
    await untilCallState(el, 'ended');

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.open, 'Escape did not close');
    expect(hasPart('launcher')(focused(el)!)).to.equal(true);
  });

  it('shows a visible focus ring on keyboard focus', async () => {
    const { el } = await mountWidget();
    part(el, 'mic-button')!.blur();
    await tabTo(el, hasPart('mic-button'));
    const style = getComputedStyle(focused(el)!);
    expect(style.outlineStyle).to.equal('solid');
    expect(Number.parseFloat(style.outlineWidth)).to.be.at.least(2);
  });

  it('switches conversations from the history view with the keyboard', async () => {
    const namespace = uniqueNamespace();
    const now = Date.now();
    await seedHistory(
      namespace,
      { id: `a-${namespace}`, title: 'Earlier', createdAt: now - 9e6, current: false },
      [{ role: 'assistant', text: 'From earlier' }],
    );
    await seedHistory(namespace, { id: `b-${namespace}`, title: 'Latest', createdAt: now - 1e6 }, [
      { role: 'assistant', text: 'From latest' },
    ]);
    const { el } = await mountWidget({ namespace });
    expect(messageTexts(el)).to.deep.equal(['From latest']);
    part(el, 'history-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await tabTo(el, (node) => node.textContent?.includes('Earlier') ?? false);
    await sendKeys({ press: 'Enter' });
    await untilMessages(el, ['From earlier']);
    expect(hasPart('history-button')(focused(el)!)).to.equal(true);
  });

  it('closes the launcher panel with Escape from the launcher button too', async () => {
    const { el } = await mountWidget({ layout: 'launcher' });
    await el.show();
    part(el, 'launcher')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.open, 'Escape on the launcher did not close');
  });

  it('is accessible with a message shown in part, and its show more button is a named button in the tab order', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `c-${namespace}` }, [
      { role: 'assistant', text: Array.from({ length: 500 }, (_, n) => `line ${n}`).join('\n') },
    ]);
    const { el } = await mountWidget({ namespace });
    const button = part(el, 'show-more-button')!;
    expect(button.localName).to.equal('button');
    expect(button.textContent!.trim()).to.equal('Show more');
    await expect(el).to.be.accessible();
    const reached = await tabTo(el, hasPart('show-more-button'), true);
    expect(reached).to.equal(button);
  });
});
