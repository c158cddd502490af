import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import {
  messageTexts,
  mountWidget,
  part,
  seedHistory,
  seedManyMessages,
  shadow,
  uniqueNamespace,
  untilCallState,
  untilMessages,
} from './widget.js';

const frames = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise(requestAnimationFrame);
};

describe('<krosai-conversation> rendering', () => {
  it('shows user and agent bubbles with timestamps and never system messages', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `c-${namespace}`, status: 'completed' }, [
      { role: 'system', text: 'Secret prompt' },
      { role: 'user', text: 'Hi' },
      { role: 'assistant', text: 'Hello!' },
    ]);
    const { el } = await mountWidget({ namespace });
    expect(messageTexts(el)).to.deep.equal(['Hi', 'Hello!']);
    expect(shadow(el).textContent).to.not.include('Secret prompt');
    expect(shadow(el).querySelectorAll('[part~="message-user"]').length).to.equal(1);
    expect(shadow(el).querySelectorAll('[part~="message-agent"]').length).to.equal(1);
    const time = shadow(el).querySelector('[part~="message"] time');
    expect(time?.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    expect(time?.textContent?.trim()).to.match(/\d/);
  });

  it('shows interim text as provisional, then replaces it in place with the final text', async () => {
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    voice.last.transcript({ segmentId: 'seg', role: 'user', text: 'Hel', final: false });
    await untilMessages(el, ['Hel']);
    const bubble = part(el, 'message')!;
    expect(bubble.classList.contains('interim')).to.equal(true);
    expect(bubble.querySelector('.provisional')).to.exist;
    voice.last.transcript({ segmentId: 'seg', role: 'user', text: 'Hello there', final: true });
    await untilMessages(el, ['Hello there']);
    const final = part(el, 'message')!;
    expect(final.classList.contains('interim')).to.equal(false);
    expect(final.querySelector('time')).to.exist;
  });

  it('renders hostile text as text: no HTML, no script, no javascript: link', async () => {
    const hostile = [
      '<img src=x onerror="window.__xss = 1">',
      '<script>window.__xss = 2</script>',
      'javascript:window.__xss=3',
      '<a href="javascript:window.__xss=4">click</a>',
      'Safe https://example.com/page?q=1. and mailto:help@example.com',
    ];
    const namespace = uniqueNamespace();
    await seedHistory(
      namespace,
      { id: `c-${namespace}`, status: 'completed' },
      hostile.map((text) => ({ role: 'assistant' as const, text })),
    );
    const { el } = await mountWidget({ namespace });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    expect(messageTexts(el)).to.deep.equal(hostile);
    const list = part(el, 'message-list')!;
    expect(list.querySelector('img, script')).to.equal(null);
    const hrefs = [...list.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['https://example.com/page?q=1', 'mailto:help@example.com']);
  });

  it('uses the site message renderer when given one', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `c-${namespace}`, status: 'completed' }, [
      { role: 'assistant', text: 'plain' },
    ]);
    const { el } = await mountWidget({ namespace });
    el.messageRenderer = (message) => html`<strong>${message.text.toUpperCase()}</strong>`;
    await el.updateComplete;
    await waitUntil(() => part(el, 'message')?.querySelector('strong'), 'renderer not used');
    expect(messageTexts(el)).to.deep.equal(['PLAIN']);
  });

  it('shows the plain text when the site message renderer throws, and nothing reaches the page', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `c-${namespace}`, status: 'completed' }, [
      { role: 'assistant', text: 'still readable' },
    ]);
    const { el } = await mountWidget({ namespace });
    el.messageRenderer = () => {
      throw new Error('the site renderer is broken');
    };
    await el.updateComplete;
    await frames(3);
    expect(messageTexts(el)).to.deep.equal(['still readable']);
    expect(await el.newConversation()).to.equal(undefined);
  });

  it('follows new messages inside its own list without scrolling the page around it', async () => {
    const { el, voice } = await mountWidget();
    const spacer = document.createElement('div');
    // The panel starts in view but ends below the fold, as an inline widget on a long page may.
    spacer.style.height = `${window.innerHeight - 150}px`;
    const wrapper = el.parentElement!;
    wrapper.before(spacer);
    try {
      window.scrollTo(0, 0);
      await el.start();
      await untilCallState(el, 'connected');
      voice.last.transcript({
        segmentId: 'far',
        role: 'assistant',
        text: `Below the fold ${'and on and on '.repeat(40)}`,
        final: true,
      });
      await waitUntil(
        () => shadow(el).querySelector('[role="log"]')?.textContent?.includes('Below the fold'),
        'the message never arrived',
      );
      await frames(4);
      expect(window.scrollY).to.equal(0);
      const list = part(el, 'message-list')!;
      expect(list.scrollHeight - list.scrollTop - list.clientHeight).to.be.below(48);
    } finally {
      spacer.remove();
    }
  });

  it('renders 10,000 stored messages as one page of DOM nodes, opened at the end', async () => {
    const namespace = uniqueNamespace();
    await seedManyMessages(namespace, `big-${namespace}`, 10_000);
    const { el } = await mountWidget({ namespace });
    const list = part(el, 'message-list')!;
    await waitUntil(
      () => messageTexts(el).includes('Message number 9999'),
      'the last message is not rendered',
      { timeout: 15000 },
    );
    // The newest page only: older ones are read as the visitor scrolls up.
    expect(shadow(el).querySelectorAll('[part~="message"]').length).to.be.below(200);
    expect(list.scrollHeight).to.be.above(list.clientHeight);
    await waitUntil(
      () => list.scrollHeight - list.scrollTop - list.clientHeight < 48,
      'not scrolled to the end',
      { timeout: 10000 },
    );
  });

  it('follows new messages at the bottom and offers "new messages" when scrolled up', async () => {
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    // Lines arrive one by one, as speech does.
    for (let i = 0; i < 40; i++) {
      voice.last.transcript({ segmentId: `s${i}`, text: `Line ${i}` });
      await frames(1);
    }
    await waitUntil(() => messageTexts(el).includes('Line 39'), 'not rendered');
    const list = part(el, 'message-list')!;
    expect(list.scrollHeight).to.be.above(list.clientHeight * 2);

    voice.last.transcript({ segmentId: 'a', text: 'While at the bottom' });
    await waitUntil(
      () =>
        messageTexts(el).includes('While at the bottom') &&
        list.scrollHeight - list.scrollTop - list.clientHeight < 48,
      'did not follow',
      { timeout: 10000 },
    );
    expect(part(el, 'new-messages-button')).to.equal(null);

    // The visitor scrolls up, and keeps scrolling until the list's own settling has finished.
    for (let i = 0; i < 20 && (i === 0 || list.scrollTop >= 100); i++) {
      list.dispatchEvent(new WheelEvent('wheel', { deltaY: -2000 }));
      list.scrollTop = 0;
      await frames(3);
    }
    expect(list.scrollTop).to.be.below(100);
    voice.last.transcript({ segmentId: 'b', text: 'While scrolled up' });
    await frames(5);

    await waitUntil(() => part(el, 'new-messages-button'), 'no new-messages control');
    expect(list.scrollTop).to.be.below(100);
    part(el, 'new-messages-button')!.click();
    await waitUntil(
      () => messageTexts(el).includes('While scrolled up') && !part(el, 'new-messages-button'),
      'did not jump to the newest',
      { timeout: 10000 },
    );
  });
});
