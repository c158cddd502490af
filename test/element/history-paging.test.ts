import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import './page-errors.js';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { openConversationStore } from '../../src/store/open-store.js';
import { createWidget } from '../helpers/create-widget.js';
import { fakeVoice } from '../helpers/fake-voice-session.js';
import {
  AGENT,
  messageTexts,
  mountWidget,
  part,
  seedManyMessages,
  serverConversation,
  shadow,
  uniqueNamespace,
  untilCallState,
} from './widget.js';

const HISTORY = 10_000;
const newest = `Message number ${HISTORY - 1}`;

/** `count` stored messages one second apart, ending a minute ago, in one active conversation. */
const seedLongHistory = (namespace: string, id: string, count = HISTORY) =>
  seedManyMessages(namespace, id, count, { status: 'active', endsAgoMs: 60_000 });

interface FirstList {
  texts: string[];
  /** Pixels between the list's end and the bottom of its viewport. */
  belowView: number;
}

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const box of mounted.splice(0)) box.remove();
});

/**
 * Mounts the widget by hand so that the shadow root is watched from the first moment: a mutation
 * callback runs after the render that caused it and before the browser can paint it, so the first
 * list it sees is what the first frame with messages shows.
 */
async function mountWatched(namespace: string) {
  const { el, box } = await createWidget(namespace, AGENT);
  const voice = fakeVoice();
  el.voiceSessionFactory = voice.factory;
  let first: FirstList | undefined;
  const observer = new MutationObserver(() => {
    const list = part(el, 'message-list');
    const texts = messageTexts(el);
    if (first || !list || list.hidden || texts.length === 0) return;
    first = { texts, belowView: list.scrollHeight - list.scrollTop - list.clientHeight };
    observer.disconnect();
  });
  document.body.append(box);
  mounted.push(box);
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true });
  await waitUntil(() => first, 'no message was ever rendered', { timeout: 15000 });
  return { el, voice, first: first!, list: part(el, 'message-list')! };
}

/** The message bubble showing `text`. */
function bubble(el: KrosaiConversation, text: string): HTMLElement {
  const found = [...shadow(el).querySelectorAll<HTMLElement>('[part~="message"]')].find(
    (node) => node.querySelector('.text')?.textContent === text,
  );
  if (!found) throw new Error(`No message "${text}" on screen.`);
  return found;
}

/** Counts the pages of messages read from IndexedDB (each opens one key cursor on the time index). */
function countPageReads() {
  const index = IDBIndex.prototype;
  const original = index.openKeyCursor;
  const counter = {
    reads: 0,
    restore: () => {
      index.openKeyCursor = original;
    },
  };
  index.openKeyCursor = function (this: IDBIndex, ...args) {
    if (this.name === 'by-conversation-time') counter.reads++;
    return original.apply(this, args);
  };
  return counter;
}

describe('<krosai-conversation> long history', () => {
  it('paints the newest page of 10,000 messages first, already scrolled to the end', async () => {
    const namespace = uniqueNamespace();
    await seedLongHistory(namespace, `long-${namespace}`);
    const { el, first, list } = await mountWatched(namespace);
    expect(first.texts.at(-1)).to.equal(newest);
    expect(first.texts).to.have.length.below(200);
    expect(first.belowView).to.be.at.most(1);
    expect(part(el, 'earlier-messages-button'), 'older pages are offered').to.exist;
    await expect(el).to.be.accessible();
    expect(list.scrollHeight - list.scrollTop - list.clientHeight).to.be.at.most(1);
  });

  it('loads older messages as the visitor scrolls up, keeping the message in view in place', async () => {
    const namespace = uniqueNamespace();
    await seedLongHistory(namespace, `up-${namespace}`);
    const { el, list } = await mountWatched(namespace);
    const oldestShown = messageTexts(el)[0]!;
    const shownBefore = messageTexts(el).length;

    list.dispatchEvent(new WheelEvent('wheel', { deltaY: -5000 }));
    list.scrollTop = 0;
    const listTop = list.getBoundingClientRect().top;
    const before = bubble(el, oldestShown).getBoundingClientRect().top - listTop;
    await waitUntil(() => messageTexts(el).length > shownBefore, 'no older page arrived', {
      timeout: 10000,
    });
    const after = bubble(el, oldestShown).getBoundingClientRect().top - listTop;
    expect(Math.abs(after - before)).to.be.below(1);
    expect(messageTexts(el).indexOf(oldestShown)).to.be.above(0);
    expect(list.scrollTop).to.be.above(0);
    expect(part(el, 'new-messages-button'), 'older messages are not news').to.equal(null);
  });

  it('opens at the end again when the visitor comes back from the history view', async () => {
    const namespace = uniqueNamespace();
    await seedLongHistory(namespace, `back-${namespace}`, 200);
    const { el, list } = await mountWatched(namespace);
    const shown = messageTexts(el).length;
    list.dispatchEvent(new WheelEvent('wheel', { deltaY: -5000 }));
    list.scrollTop = 0;
    await waitUntil(() => messageTexts(el).length > shown, 'no older page arrived');

    part(el, 'history-button')!.click();
    await el.updateComplete;
    expect(part(el, 'message-list')).to.equal(null);
    part(el, 'history-button')!.click();
    await el.updateComplete;
    const again = part(el, 'message-list')!;
    expect(again.scrollHeight - again.scrollTop - again.clientHeight).to.be.at.most(1);
    expect(messageTexts(el).at(-1)).to.equal('Message number 199');
  });

  it('reads one page for a closed launcher panel, and opens it at the end', async () => {
    const namespace = uniqueNamespace();
    await seedLongHistory(namespace, `launcher-${namespace}`, 200);
    const { el } = await mountWidget({ namespace, layout: 'launcher' });
    await waitUntil(() => messageTexts(el).includes('Message number 199'), 'never loaded');
    await el.show();
    const list = part(el, 'message-list')!;
    await waitUntil(
      () => list.clientHeight > 0 && list.scrollHeight - list.scrollTop - list.clientHeight <= 1,
      'not opened at the end',
    );
    expect(messageTexts(el)).to.have.length(50);
  });

  it('shows earlier messages from the button at the top, for those who do not scroll', async () => {
    const namespace = uniqueNamespace();
    await seedLongHistory(namespace, `btn-${namespace}`, 120);
    const { el } = await mountWatched(namespace);
    for (let pages = 0; part(el, 'earlier-messages-button'); pages++) {
      expect(pages, 'the button never went away').to.be.below(5);
      const shown = messageTexts(el).length;
      part(el, 'earlier-messages-button')!.click();
      await waitUntil(() => messageTexts(el).length > shown, 'no older page arrived');
    }
    const texts = messageTexts(el);
    expect(texts).to.have.length(120);
    expect(texts[0]).to.equal('Message number 0');
    expect(texts.at(-1)).to.equal('Message number 119');
  });

  it('keeps a page of a long call in the DOM while following it, and reads the rest back', async () => {
    const namespace = uniqueNamespace();
    // On the server too, so that the call continues it.
    const server = await serverConversation();
    await seedLongHistory(namespace, server.id, 10);
    const { el, voice } = await mountWatched(namespace);
    await el.start();
    await untilCallState(el, 'connected');
    for (let i = 0; i < 130; i++) {
      voice.last.transcript({ segmentId: `live-${i}`, text: `Live line ${i}` });
      await waitUntil(() => messageTexts(el).at(-1) === `Live line ${i}`, `line ${i} not shown`);
    }
    expect(messageTexts(el).length).to.be.at.most(100);
    while (!messageTexts(el).includes('Message number 0')) {
      const shown = messageTexts(el).length;
      part(el, 'earlier-messages-button')!.click();
      await waitUntil(() => messageTexts(el).length > shown, 'no older page arrived');
    }
    const texts = messageTexts(el);
    expect(texts).to.have.length(140);
    expect(texts.slice(9, 12)).to.deep.equal(['Message number 9', 'Live line 0', 'Live line 1']);
  });

  it("patches in the server's transcript without reading the history again", async () => {
    const namespace = uniqueNamespace();
    const server = await serverConversation([{ role: 'assistant', content: 'Said on the server' }]);
    await seedLongHistory(namespace, server.id);
    const pages = countPageReads();
    try {
      const { el } = await mountWatched(namespace);
      await waitUntil(
        () => messageTexts(el).at(-1) === 'Said on the server',
        "the server's message never showed",
        { timeout: 15000 },
      );
      expect(messageTexts(el).at(-2)).to.equal(newest);
      expect(pages.reads, 'pages of messages read').to.equal(1);
    } finally {
      pages.restore();
    }
  });

  it("shows another tab's new message, and leaves an older one to its page", async () => {
    const namespace = uniqueNamespace();
    const id = `tabs-${namespace}`;
    const start = await seedLongHistory(namespace, id);
    const { el } = await mountWatched(namespace);
    const shown = messageTexts(el).length;

    // Another tab: its own store on the same database.
    const otherTab = await openConversationStore();
    try {
      const message = { conversationId: id, state: 'final', origin: 'live' } as const;
      await otherTab.addMessage({
        ...message,
        id: 'other-old',
        role: 'user',
        text: 'Written long ago',
        createdAt: start + 500,
      });
      await otherTab.addMessage({
        ...message,
        id: 'other-new',
        role: 'assistant',
        text: 'Written in another tab',
        createdAt: Date.now(),
      });
      await waitUntil(
        () => messageTexts(el).at(-1) === 'Written in another tab',
        "the other tab's message never showed",
        { timeout: 10000 },
      );
      expect(messageTexts(el)).not.to.include('Written long ago');
      expect(messageTexts(el)).to.have.length(shown + 1);
    } finally {
      otherTab.close();
    }
  });
});
