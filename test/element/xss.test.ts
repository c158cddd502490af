import { expect, waitUntil } from '@open-wc/testing';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { fault } from '../api/api-helpers.js';
import { resetEmulator } from '../helpers/emulator.js';
import { MARKDOWN_ELEMENTS } from '../helpers/markdown-corpus.js';
import { XSS_PAYLOADS } from '../helpers/xss-corpus.js';
import {
  messageTexts,
  mountWidget,
  part,
  seedHistory,
  serverConversation,
  shadow,
  uniqueNamespace,
  untilCallState,
} from './widget.js';

// The XSS corpus through every field that reaches the screen. A trap fails the test if any
// payload runs; and since some would only run later (an image that fails to load), every check
// also proves that no element and no handler attribute came from the text.

let trapped: string[] = [];
before(() => {
  (window as { __xssTrap?: () => void }).__xssTrap = () => {
    trapped.push(new Error('xss').stack ?? 'xss');
  };
});
beforeEach(() => {
  trapped = [];
});
afterEach(() => {
  expect(trapped, 'a payload ran').to.deep.equal([]);
});

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The elements that show untrusted text: message texts, titles, error text, the heading. */
const TEXT_HOLDERS = '.text, .history-title, [part~="error"] p, h2, [part~="empty"] slot';

/** An element the text holder may have: a safe link, or in agent Markdown what Markdown makes. */
const allowedIn = (holder: Element, child: Element) =>
  child.localName === 'a'
    ? SAFE_PROTOCOLS.has(new URL((child as HTMLAnchorElement).href).protocol)
    : holder.classList.contains('markdown') &&
      MARKDOWN_ELEMENTS.has(child.localName) &&
      !child.hasAttribute('style');

/**
 * Nothing in the shadow root came from a payload: no handler attribute anywhere, and in the
 * elements that show text no element but a link to http(s) or mailto (and in agent Markdown the
 * elements Markdown makes: tests/element/markdown.test.ts covers those). Checked as plain values
 * (never elements handed to chai, whose message would try to print them).
 */
function expectInert(el: KrosaiConversation) {
  const root = shadow(el);
  expect(trapped, 'a payload ran').to.deep.equal([]);
  const handlers = [...root.querySelectorAll('*')].flatMap((node) =>
    node
      .getAttributeNames()
      .filter((name) => name.startsWith('on'))
      .map((name) => `${node.localName}[${name}]`),
  );
  expect(handlers).to.deep.equal([]);
  for (const holder of root.querySelectorAll(TEXT_HOLDERS)) {
    const foreign = [...holder.querySelectorAll('*')]
      .filter((child) => !allowedIn(holder, child))
      .map((child) => child.outerHTML.slice(0, 80));
    expect(foreign).to.deep.equal([]);
  }
}

const lastText = (el: KrosaiConversation) => messageTexts(el).at(-1) ?? '';

/**
 * Whether the payload is on show as the last message: the visitor's exactly as written, the
 * agent's (Markdown, whose text differs from its source) as the segment's message, in its state.
 */
function shown(el: KrosaiConversation, payload: string, role: string, id: string, final: boolean) {
  if (role === 'user') return lastText(el) === payload;
  const last = [...shadow(el).querySelectorAll('[part~="message"]')].at(-1);
  return (
    last?.getAttribute('data-message-id') === id &&
    last.classList.contains('interim') !== final &&
    last.querySelector('.markdown') !== null
  );
}

describe(`XSS corpus (${XSS_PAYLOADS.length} payloads)`, () => {
  it('agent and user transcripts, interim and final, stay text', async function () {
    // 468 updates, each awaited until on screen (and the list now holds up to two pages of them):
    // about 15 s on a loaded machine, too close to the default 20 s.
    this.timeout(60_000);
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    let n = 0;
    for (const payload of XSS_PAYLOADS) {
      for (const [role, final] of [
        ['assistant', false],
        ['assistant', true],
        ['user', true],
      ] as const) {
        n += 1;
        voice.last.transcript({ segmentId: `s${n}`, role, text: payload, final });
        const id = `live:s${n}`;
        await waitUntil(() => shown(el, payload, role, id, final), `payload ${n} not shown`);
        expectInert(el);
      }
    }
  });

  it('typed text stays text', async () => {
    const { el } = await mountWidget();
    for (const payload of XSS_PAYLOADS) {
      expect(await el.send(payload)).to.equal(true);
      await waitUntil(() => lastText(el) === payload, 'typed payload not shown');
      expectInert(el);
    }
  });

  it('stored conversation titles stay text in the history view', async () => {
    // Forty at a time: retention keeps fifty conversations per namespace.
    for (let start = 0; start < XSS_PAYLOADS.length; start += 40) {
      const namespace = uniqueNamespace();
      const batch = XSS_PAYLOADS.slice(start, start + 40);
      for (const [n, title] of batch.entries()) {
        await seedHistory(namespace, { id: `${namespace}-${n}`, title, current: false });
      }
      const { el } = await mountWidget({ namespace });
      part(el, 'history-button')!.click();
      const titles = () =>
        [...shadow(el).querySelectorAll('.history-title')].map((title) => title.textContent);
      await waitUntil(() => titles().length === batch.length, 'history incomplete');
      expectInert(el);
      expect(new Set(titles())).to.deep.equal(new Set(batch));
      el.parentElement!.remove();
    }
  });

  it('the label attribute and string overrides stay text', async () => {
    const { el } = await mountWidget();
    for (const payload of XSS_PAYLOADS.slice(0, 50)) {
      el.label = payload;
      el.strings = { emptyState: payload, startCall: payload };
      await el.updateComplete;
      expect(shadow(el).querySelector('h2')?.textContent).to.equal(payload);
      expectInert(el);
    }
  });

  it("the server's error text never reaches the screen as markup", async () => {
    const { el } = await mountWidget();
    for (const payload of XSS_PAYLOADS.slice(0, 20)) {
      await fault('POST /v1/conversations', {
        status: 400,
        body: JSON.stringify({ detail: payload, code: payload }),
      });
      expect(await el.start()).to.equal(false);
      await waitUntil(() => part(el, 'error'), 'no error shown');
      expectInert(el);
      part(el, 'dismiss-button')?.click();
    }
    await resetEmulator();
  });

  it("the server's transcript messages stay text", async () => {
    const batchSize = 15;
    for (let start = 0; start < XSS_PAYLOADS.length; start += batchSize) {
      const batch = XSS_PAYLOADS.slice(start, start + batchSize);
      const server = await serverConversation(
        batch.map((content, n) => ({ role: n % 2 ? 'user' : 'assistant', content })),
      );
      const namespace = uniqueNamespace();
      await seedHistory(namespace, { id: server.id, title: server.title });
      const { el } = await mountWidget({ namespace });
      // Every message, the agent's (even places) as Markdown.
      await waitUntil(
        () =>
          shadow(el).querySelectorAll('[part~="message"]').length === batch.length &&
          shadow(el).querySelectorAll('[part~="message-agent"] .markdown').length ===
            batch.filter((_, n) => n % 2 === 0).length,
        'the transcript did not arrive',
      );
      expectInert(el);
      el.parentElement!.remove();
    }
  });
});
