import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { TEXT_PART, TITLE_CHARS } from '../../src/templates/long-text.js';
import {
  messageTexts,
  mountWidget,
  part,
  seedHistory,
  shadow,
  uniqueNamespace,
  untilCallState,
} from './widget.js';

// One huge message must not be laid out in one go (it blocked the page for 200–400 ms): a part
// is shown, and "show more" adds the next. These check that behaviour, not timings.

const EMOJI = '😀'.repeat(10_000);
const LINES = Array.from({ length: 5000 }, (_, n) => `line ${n}`).join('\n');

const shownText = (el: KrosaiConversation) => messageTexts(el)[0] ?? '';
const showMore = (el: KrosaiConversation) => part(el, 'show-more-button');

async function mountWith(text: string, locale = 'en') {
  const namespace = uniqueNamespace();
  await seedHistory(namespace, { id: `${namespace}-long` }, [{ role: 'assistant', text }]);
  return (await mountWidget({ namespace, locale })).el;
}

/** Clicks "show more" until it is gone; returns how many clicks it took. */
async function revealAll(el: KrosaiConversation): Promise<number> {
  let clicks = 0;
  for (let button = showMore(el); button; button = showMore(el)) {
    const before = shownText(el).length;
    button.click();
    await waitUntil(() => shownText(el).length > before, 'show more showed nothing more');
    clicks += 1;
  }
  return clicks;
}

function expectWellFormedPrefix(shown: string, full: string) {
  expect(full.startsWith(shown), 'the shown part is not the beginning').to.equal(true);
  const last = shown.charCodeAt(shown.length - 1);
  expect(last >= 0xd800 && last <= 0xdbff, 'cut inside a surrogate pair').to.equal(false);
}

describe('<krosai-conversation> long messages', () => {
  it('shows 10,000 emoji a part at a time, never splitting one, and all of them on demand', async () => {
    const el = await mountWith(EMOJI);
    const shown = shownText(el);
    expect(shown.length).to.be.at.most(TEXT_PART.chars);
    expect(shown.length).to.be.greaterThan(0);
    expectWellFormedPrefix(shown, EMOJI);
    expect(showMore(el)!.textContent!.trim()).to.equal('Show more');
    const clicks = await revealAll(el);
    expect(clicks).to.be.greaterThan(0);
    expect(shownText(el) === EMOJI).to.equal(true);
  });

  it('shows 5,000 lines a few dozen at a time; show more works from the keyboard', async () => {
    const el = await mountWith(LINES);
    const lines = () => shownText(el).split('\n').length;
    expect(lines()).to.be.at.most(TEXT_PART.lines + 1);
    expectWellFormedPrefix(shownText(el), LINES);
    showMore(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => lines() > TEXT_PART.lines + 1, 'Enter showed nothing more');
    expect(lines()).to.be.at.most(2 * TEXT_PART.lines + 1);
    // The button stays (and keeps focus) while more remains.
    expect(shadow(el).activeElement).to.equal(showMore(el));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => lines() > 2 * TEXT_PART.lines + 1, 'Space showed nothing more');
    expectWellFormedPrefix(shownText(el), LINES);
  });

  it('caps an interim transcript as it grows to 100 KB, and its final text', async () => {
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    let text = '';
    for (const size of [10, 50, 100]) {
      text = 'word '.repeat((size * 1024) / 5);
      voice.last.transcript({ segmentId: 'big', text, final: false });
      await waitUntil(() => messageTexts(el).length === 1 && showMore(el), 'no capped interim');
      expect(shownText(el).length).to.be.at.most(TEXT_PART.chars);
      expectWellFormedPrefix(shownText(el), text);
    }
    voice.last.transcript({ segmentId: 'big', text, final: true });
    await waitUntil(() => !shadow(el).querySelector('.message.interim'), 'never final');
    expect(shownText(el).length).to.be.at.most(TEXT_PART.chars);
    // The hidden announcer reads one part too, not 100 KB.
    const announced = shadow(el).querySelector('[role="log"]')!.textContent!;
    expect(announced.length).to.be.at.most(TEXT_PART.chars + 100);
  });

  it('keeps a link the cut goes through as text until it is shown whole', async () => {
    const url = 'https://example.com/a/long/path/that/crosses/the/cut';
    const text = `${'x'.repeat(TEXT_PART.chars - 20)} ${url} end`;
    const el = await mountWith(text);
    const message = part(el, 'message')!;
    expect(message.querySelector('a')).to.equal(null);
    await revealAll(el);
    expect(message.querySelector('a')?.getAttribute('href')).to.equal(url);
  });

  it('lays out at most TITLE_CHARS characters of a 100 KB conversation title in the history', async () => {
    const namespace = uniqueNamespace();
    // An emoji straddles the cut.
    const title = `a${'😀'.repeat(TITLE_CHARS / 2)}${'x'.repeat(100 * 1024)}`;
    await seedHistory(namespace, { id: `${namespace}-t`, title });
    const { el } = await mountWidget({ namespace });
    part(el, 'history-button')!.click();
    await waitUntil(() => shadow(el).querySelector('.history-title'), 'no history');
    const shown = shadow(el).querySelector('.history-title')!.textContent!;
    expect(shown.length).to.be.at.most(TITLE_CHARS + 1);
    expect(shown.endsWith('…')).to.equal(true);
    expectWellFormedPrefix(shown.slice(0, -1), title);
  });

  for (const [locale, label] of [
    ['de', 'Mehr anzeigen'],
    ['es', 'Mostrar más'],
    ['fr', 'Afficher la suite'],
    ['ar', 'عرض المزيد'],
  ] as const) {
    it(`labels show more in ${locale}`, async () => {
      const el = await mountWith(EMOJI, locale);
      await waitUntil(() => showMore(el)?.textContent?.trim() === label, `not in ${locale}`);
    });
  }
});
