import '../src/define.js';
import type { KrosaiConversation } from '../src/krosai-conversation.js';
import { createWidget } from '../test/helpers/create-widget.js';
import { fakeVoice } from '../test/helpers/fake-voice-session.js';
import type { BenchTable } from './bench-table.js';
import { AGENT, seedLongConversation } from './seed-conversation.js';
import { heapMb, nextFrame, untilFrame, untilTask } from './stats.js';

const SIZES = [100, 1_000, 10_000];
const SEGMENTS = 10;
const UPDATES_PER_SEGMENT = 10;

type Row = Record<string, string | number>;

/** Mounts the widget (dev mode, against the emulator) in a 420×600 box, as a page would. */
async function mount(namespace: string) {
  const voice = fakeVoice();
  const { el, box } = await createWidget(namespace, AGENT);
  el.voiceSessionFactory = voice.factory;
  const connectedAt = performance.now();
  document.body.append(box);
  return { el, box, voice, connectedAt };
}

const shadow = (el: KrosaiConversation) => el.shadowRoot!;
const messageList = (el: KrosaiConversation) =>
  shadow(el).querySelector<HTMLElement>('[part~="message-list"]');

function shows(el: KrosaiConversation, text: string): boolean {
  const texts = shadow(el).querySelectorAll('[part~="message"] .text');
  for (let i = 0; i < texts.length; i++) if (texts[i]!.textContent === text) return true;
  return false;
}

function atEnd(list: HTMLElement): boolean {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
}

/** Streams transcript updates like an agent speaking; each is awaited until it is on screen. */
async function stream(el: KrosaiConversation, voice: ReturnType<typeof fakeVoice>) {
  const perUpdate: number[] = [];
  const started = performance.now();
  for (let segment = 0; segment < SEGMENTS; segment++) {
    const words: string[] = [];
    for (let step = 1; step <= UPDATES_PER_SEGMENT; step++) {
      words.push(`word${step}`);
      const text = `Streamed ${segment}: ${words.join(' ')}`;
      const sent = performance.now();
      voice.last.transcript({
        segmentId: `bench-${segment}`,
        role: segment % 2 ? 'user' : 'assistant',
        text,
        final: step === UPDATES_PER_SEGMENT,
      });
      await untilTask(() => shows(el, text), `update "${text}"`);
      perUpdate.push(performance.now() - sent);
      // Paced like speech: the next word comes after the browser has painted this one.
      await nextFrame();
    }
  }
  return { total: performance.now() - started, perUpdate };
}

async function openConversation(count: number, heapAtStart: number | undefined): Promise<Row> {
  const namespace = `bench-${count}-${Date.now().toString(36)}`;
  await seedLongConversation(namespace, count);
  const { el, box, voice, connectedAt } = await mount(namespace);
  const last = `Message number ${count - 1}, about as long as a sentence said out loud.`;
  await untilFrame(() => shadow(el).querySelector('[part~="message"]') !== null, 'a message');
  await nextFrame();
  const firstPainted = performance.now() - connectedAt;
  await untilFrame(() => {
    const list = messageList(el);
    return list !== null && shows(el, last) && atEnd(list);
  }, 'the last message at the end of the list');
  await nextFrame();
  const atEndPainted = performance.now() - connectedAt;
  const list = messageList(el)!;
  const listNodes = list.getElementsByTagName('*').length;
  const bubbles = list.querySelectorAll('[part~="message"]').length;
  const shadowNodes = shadow(el).querySelectorAll('*').length;
  const heapOpen = heapMb();

  await el.start();
  await untilFrame(
    () => shadow(el).querySelector('[data-call-state="connected"]') !== null,
    'the (fake) call to connect',
  );
  const streamed = await stream(el, voice);
  streamed.perUpdate.sort((a, b) => a - b);
  await el.end();
  box.remove();

  const mb = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(1));
  return {
    messages: count,
    'first paint ms': firstPainted.toFixed(0),
    'at end ms': atEndPainted.toFixed(0),
    'bubbles in DOM': bubbles,
    'list nodes': listNodes,
    'shadow nodes': shadowNodes,
    [`${SEGMENTS * UPDATES_PER_SEGMENT} updates ms`]: streamed.total.toFixed(0),
    'update p50 ms': streamed.perUpdate[Math.floor(streamed.perUpdate.length / 2)]!.toFixed(1),
    'update max ms': streamed.perUpdate.at(-1)!.toFixed(1),
    'heap MB': mb(heapOpen),
    'heap +MB':
      heapOpen === undefined || heapAtStart === undefined ? 'n/a' : mb(heapOpen - heapAtStart),
  };
}

export async function run(): Promise<BenchTable[]> {
  const heapAtStart = heapMb();
  const rows: Row[] = [];
  for (const count of SIZES) rows.push(await openConversation(count, heapAtStart));
  const gcExposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
  return [
    {
      title: '<krosai-conversation> opening a stored conversation (dev mode, emulator)',
      rows,
      notes: [
        'first paint / at end: from appending the element to the first bubble painted / the newest one painted with the list scrolled to the end (history read from IndexedDB, then checked with the server).',
        'bubbles, list nodes: elements in the message list (shadow DOM): the newest page, whatever the length of the history. shadow nodes: the whole shadow root.',
        `updates: ${SEGMENTS} segments of ${UPDATES_PER_SEGMENT} live transcript updates (interim, then final) from a scripted voice session; each is awaited until on screen (p50, max: from the update to its text in the DOM; one update per frame).`,
        `heap: performance.memory.usedJSHeapSize with the conversation open${gcExposed ? ', after gc()' : ' (gc() not exposed)'}; +MB over the page before the first widget.`,
      ],
    },
  ];
}
