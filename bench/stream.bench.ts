// A call as it streams: 50 live transcript updates per second for 30 s through the element (a
// scripted voice session, as in bench/render.bench.ts), and the JS heap across 10 real calls in
// one page against the emulator (livekit-client, the element's own voice session).
import { installTransactionCounter, measure } from './transaction-counter.js';

installTransactionCounter();

import '../src/define.js';
import type { KrosaiConversation } from '../src/krosai-conversation.js';
import { openConversationStore } from '../src/store/open-store.js';
import { createWidget } from '../test/helpers/create-widget.js';
import { resetEmulator } from '../test/helpers/emulator.js';
import { fakeVoice } from '../test/helpers/fake-voice-session.js';
import type { BenchTable } from './bench-table.js';
import { AGENT } from './seed-conversation.js';
import { heapMb, nextFrame, untilFrame } from './stats.js';

const RATE = 50;
const SECONDS = 30;
const UPDATES_PER_SEGMENT = 10;
const CALLS = 10;

async function mount(namespace: string, factory?: KrosaiConversation['voiceSessionFactory']) {
  const { el, box } = await createWidget(namespace, AGENT);
  if (factory) el.voiceSessionFactory = factory;
  document.body.append(box);
  return { el, box };
}

const connected = (el: KrosaiConversation) =>
  untilFrame(
    () => el.shadowRoot?.querySelector('[data-call-state="connected"]') != null,
    'the call to connect',
  );

async function streaming(): Promise<BenchTable> {
  const voice = fakeVoice();
  const namespace = `stream-${Date.now().toString(36)}`;
  const { el, box } = await mount(namespace, voice.factory);
  await el.start();
  await connected(el);
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const frames: number[] = [];
  let streamingNow = true;
  const onFrame = (time: number) => {
    frames.push(time);
    if (streamingNow) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  const total = RATE * SECONDS;
  const finals: string[] = [];
  const counts = await measure(async () => {
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      // Paced on the wall clock: update i is due at i / RATE seconds.
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const segment = Math.floor(i / UPDATES_PER_SEGMENT);
      const step = (i % UPDATES_PER_SEGMENT) + 1;
      const text = `Segment ${segment}: ${Array.from({ length: step }, (_, w) => `word${w}`).join(' ')}`;
      const final = step === UPDATES_PER_SEGMENT;
      if (final) finals.push(text);
      voice.last.transcript({
        segmentId: `stream-${segment}`,
        role: segment % 2 ? 'user' : 'assistant',
        text,
        final,
      });
    }
    await nextFrame();
    await nextFrame();
  });
  streamingNow = false;
  observer.disconnect();
  await el.end();
  const conversationId = el.conversationId;
  box.remove();

  const intervals = frames.slice(1).map((time, i) => time - frames[i]!);
  const frameMs = 1000 / 60;
  const dropped = intervals.reduce(
    (sum, gap) => sum + Math.max(0, Math.round(gap / frameMs) - 1),
    0,
  );
  // The element writes in batches: read its store until every final segment is in (or 5 s).
  const store = await openConversationStore();
  let stored: string[] = [];
  let intact = false;
  const deadline = performance.now() + 5_000;
  while (!intact && performance.now() < deadline) {
    const page = conversationId
      ? await store.messages(conversationId, { limit: finals.length + 50 })
      : { messages: [] };
    stored = page.messages.map((message) => message.text);
    intact = stored.length === finals.length && finals.every((text) => stored.includes(text));
    if (!intact) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  store.close();
  return {
    title: `Streaming: ${RATE} transcript updates per second for ${SECONDS} s through the element (scripted voice session)`,
    rows: [
      {
        updates: total,
        segments: finals.length,
        'elapsed s': (counts.ms / 1000).toFixed(1),
        'long tasks': longTasks.length,
        'longest task ms': Math.max(0, ...longTasks).toFixed(0),
        frames: frames.length,
        'dropped frames': dropped,
        'IDB readwrite tx/s': (counts.readwrite / (counts.ms / 1000)).toFixed(1),
        'IDB readonly tx/s': (counts.readonly / (counts.ms / 1000)).toFixed(1),
        'history intact': `${intact ? 'yes' : 'NO'} (${finals.filter((text) => stored.includes(text)).length}/${finals.length} finals, ${stored.length} stored)`,
      },
    ],
    notes: [
      `${SECONDS * RATE} updates in segments of ${UPDATES_PER_SEGMENT} (interim, then final), alternating agent and visitor, sent on the wall clock (every ${1000 / RATE} ms) without waiting for the screen.`,
      'dropped frames: animation-frame gaps beyond one 60 Hz frame, summed in frames. long tasks: PerformanceObserver "longtask" while streaming.',
      'IDB tx/s: IndexedDB transactions started per second while streaming (bench/transaction-counter.ts). history intact: every final segment in the store after the call, and nothing else.',
    ],
  };
}

async function calls(): Promise<BenchTable> {
  await resetEmulator();
  const heaps: (number | undefined)[] = [heapMb()];
  const { el, box } = await mount(`calls-${Date.now().toString(36)}`);
  heaps.push(heapMb());
  for (let call = 0; call < CALLS; call++) {
    await el.start();
    await connected(el);
    await el.end();
    await untilFrame(
      () => el.shadowRoot?.querySelector('[data-call-state="connected"]') == null,
      'the call to end',
    );
    heaps.push(heapMb());
  }
  box.remove();
  const mb = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(2));
  const after = (n: number) => heaps[n + 1];
  return {
    title: `JS heap across ${CALLS} calls in one page (the element's LiveKit session, emulator)`,
    rows: [
      {
        'page MB': mb(heaps[0]),
        'element mounted MB': mb(heaps[1]),
        'after call 1 MB': mb(after(1)),
        'after call 5 MB': mb(after(5)),
        'after call 10 MB': mb(after(10)),
        'call 10 - call 1 MB':
          after(10) === undefined || after(1) === undefined ? 'n/a' : mb(after(10)! - after(1)!),
      },
    ],
    notes: [
      'Each call: start() (fake microphone), connected, end(), all in one element; usedJSHeapSize after gc() once the call ended. Flat is the target: the last call column minus the first.',
    ],
  };
}

export async function run(): Promise<BenchTable[]> {
  return [await streaming(), await calls()];
}
