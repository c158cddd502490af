import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { DEFAULT_DB_NAME } from '../../src/store/open-store.js';
import {
  HOSTILE_CREATED_AT,
  HOSTILE_MESSAGE_FIELDS,
  HOSTILE_TITLES,
  markupFrom,
  writeRaw,
} from '../helpers/hostile-records.js';
import { XSS_PAYLOADS } from '../helpers/xss-corpus.js';
import {
  messageTexts,
  mountWidget,
  part,
  seedHistory,
  shadow,
  uniqueNamespace,
  untilCallState,
} from './widget.js';

// Property test (fast-check) of the store and the renderer together: random conversations of
// hostile but valid-shaped messages (the XSS corpus, any UTF-16, bidi and line controls), mixed
// with records of every wrong shape and a hostile title, written straight into IndexedDB. Whatever
// the mix, the widget shows every good message, in order and character for character, nothing
// runs or renders as markup, and its methods still resolve.

/** A fixed seed, so every run of the suite checks the same cases (a failure prints it). */
const RUNS = { numRuns: 12, seed: 16 };

/**
 * Agent messages render as Markdown by default, which is not verbatim by design (its hostile
 * corpus is test/element/markdown.test.ts): these properties are about what is stored and shown,
 * so the words go on screen as plain text, through the site renderer hook.
 */
function showPlainText(el: KrosaiConversation): void {
  el.messageRenderer = (message) => message.text;
}

let trapped = 0;
before(() => {
  (window as { __xssTrap?: () => void }).__xssTrap = () => {
    trapped += 1;
  };
});

/** Text a visitor could type or an agent say, short enough to be shown whole (one part). */
const goodText = fc.oneof(
  fc.constantFrom(...XSS_PAYLOADS),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.string({
    unit: fc.constantFrom('\r\n', '\r', '\u202e', '\u2066', '\u200b', '\u0000', 'a', ' ', '<b>'),
    minLength: 1,
    maxLength: 30,
  }),
);

const record = fc.oneof(
  fc.record({
    good: fc.constant(true),
    role: fc.constantFrom('user', 'assistant'),
    text: goodText,
    fields: fc.constant({}),
  }),
  fc.record({
    good: fc.constant(false),
    role: fc.constantFrom('user', 'assistant'),
    text: goodText,
    fields: fc.constantFrom(...HOSTILE_MESSAGE_FIELDS.map(([, fields]) => fields)),
  }),
);

const conversationCase = fc.record({
  title: fc.oneof(
    fc.constantFrom(...HOSTILE_TITLES.map(([, title]) => title)),
    fc.constantFrom(...XSS_PAYLOADS),
  ),
  createdAt: fc.oneof(
    fc.constant(Date.now() - 120_000),
    fc.constantFrom(...HOSTILE_CREATED_AT.map(([, at]) => at)),
  ),
  records: fc.array(record, { minLength: 1, maxLength: 12 }),
});

describe('<krosai-conversation> over random hostile histories (property)', () => {
  it('shows every good message verbatim and in order, runs nothing, and keeps working', async function () {
    // Twelve widgets mounted one after another.
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(conversationCase, async ({ title, createdAt, records }) => {
        trapped = 0;
        const namespace = uniqueNamespace();
        const conversation = await seedHistory(namespace, { id: `${namespace}-p` });
        const start = Date.now() - 60_000;
        const messages = records.map(({ role, text, fields }, n) => ({
          id: `m-${String(n).padStart(3, '0')}`,
          conversationId: conversation.id,
          role,
          text,
          createdAt: start + n,
          state: 'final',
          origin: 'live',
          ...fields,
        }));
        await writeRaw(DEFAULT_DB_NAME, [{ ...conversation, title, createdAt }], messages);

        try {
          const { el } = await mountWidget({ namespace });
          showPlainText(el);
          const good = records.filter((r) => r.good).map((r) => r.text);
          if (good.length > 0) {
            await waitUntil(() => messageTexts(el).length === good.length, 'messages missing', {
              timeout: 10000,
            });
          }
          expect(messageTexts(el)).to.deep.equal(good);
          part(el, 'history-button')!.click();
          await waitUntil(
            () => shadow(el).querySelector('[part~="history-item"]'),
            'the conversation is missing from the history',
            { timeout: 10000 },
          );
          for (const shown of shadow(el).querySelectorAll('.history-title')) {
            expect(shown.children.length).to.equal(0);
          }
          expect(markupFrom(shadow(el))).to.equal(false);
          part(el, 'history-button')!.click();
          await el.updateComplete;
          expect(await el.start()).to.equal(true);
          expect(markupFrom(shadow(el))).to.equal(false);
          expect(trapped).to.equal(0);
        } finally {
          fixtureCleanup();
        }
      }),
      RUNS,
    );
  });

  it('keeps every transcript segment, its final text frozen, whatever the updates, and runs nothing', async function () {
    this.timeout(120_000);
    const update = fc.record({
      segment: fc.integer({ min: 0, max: 3 }),
      role: fc.constantFrom('user', 'assistant'),
      text: goodText,
      final: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(update, { minLength: 1, maxLength: 15 }), async (updates) => {
        trapped = 0;
        try {
          const { el, voice } = await mountWidget();
          showPlainText(el);
          await el.start();
          await untilCallState(el, 'connected');
          // Each segment keeps one speaker, and its own words (twins of one utterance are merged).
          // A final text is frozen: later updates of its segment must change nothing.
          const roles = new Map<number, 'user' | 'assistant'>();
          const last = new Map<number, string>();
          const frozen = new Set<number>();
          const send = (segment: number, text: string, final: boolean) =>
            voice.last.transcript({
              segmentId: `seg-${segment}`,
              role: roles.get(segment)!,
              text,
              final,
            });
          for (const { segment, role, text, final } of updates) {
            if (!roles.has(segment)) roles.set(segment, role);
            const said = `s${segment}: ${text}`;
            if (!frozen.has(segment)) last.set(segment, said);
            if (final) frozen.add(segment);
            send(segment, said, final);
          }
          for (const [segment, said] of last) if (!frozen.has(segment)) send(segment, said, true);
          const expected = [...last.values()].sort();
          await waitUntil(
            () => JSON.stringify([...messageTexts(el)].sort()) === JSON.stringify(expected),
            'a segment was lost or shown wrong',
            { timeout: 10000 },
          );
          expect(shadow(el).querySelector('.message.interim')).to.equal(null);
          expect(markupFrom(shadow(el))).to.equal(false);
          expect(trapped).to.equal(0);
        } finally {
          fixtureCleanup();
        }
      }),
      { ...RUNS, numRuns: 10 },
    );
  });
});
