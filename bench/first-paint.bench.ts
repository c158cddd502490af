// Navigation → the newest stored message painted at the end of the list, for 100 / 1,000 / 10,000
// stored messages. Each run is a fresh document (an iframe: empty module map, warm HTTP cache)
// that loads the built dist/krosai-conversation.js as a site's script tag does, so the time
// counts from the frame's navigation start. The frame watches every painted frame from its first
// script on, so it also tells whether the first frame with a message already showed the end.
import type { BenchTable } from './bench-table.js';
import { AGENT, seedLongConversation } from './seed-conversation.js';
import { heapMb, median, nextFrame, spread } from './stats.js';

const SIZES = [100, 1_000, 10_000];
const RUNS = 7;
const TIMEOUT_MS = 30_000;

/** What one frame reports (times from its navigation start). */
interface PaintResult {
  /** The first painted frame with a message in it. */
  firstMessageMs: number;
  /** That frame showed the newest message with the list scrolled to its end. */
  firstFrameAtEnd: boolean;
  /** The first painted frame with the newest message at the end of the list. */
  atEndMs: number;
  /** Messages in the DOM then. */
  bubbles: number;
  /** JS heap in use right after that frame, after a collection, in MB (shared with this page). */
  heapMb: number | undefined;
  /** The same, just before the frame was added. */
  heapBeforeMb?: number | undefined;
}

/**
 * The frame's script, inline so it runs before the bundle loads. After each animation frame a
 * message (a task after the frame was produced) reads what that frame showed.
 */
function frameScript(): void {
  const params = new URLSearchParams((window as unknown as { benchParams: string }).benchParams);
  const last = params.get('last')!;
  const box = document.createElement('div');
  box.style.cssText = 'height: 600px; width: 420px';
  const el = document.createElement('krosai-conversation');
  for (const name of ['agent-id', 'api-base', 'api-key', 'namespace', 'locale']) {
    el.setAttribute(name, params.get(name)!);
  }
  box.append(el);
  document.body.append(box);
  let first: { ms: number; atEnd: boolean } | undefined;
  const deadline = performance.now() + 30_000;
  const channel = new MessageChannel();
  const watch = () => requestAnimationFrame(() => channel.port2.postMessage(null));
  channel.port1.onmessage = () => {
    const now = performance.now();
    const root = el.shadowRoot;
    const list = root?.querySelector<HTMLElement>('[part~="message-list"]');
    const texts = root ? Array.from(root.querySelectorAll('[part~="message"] .text')) : [];
    const listed = Boolean(list && !list.hidden && texts.length > 0);
    const atEnd =
      listed &&
      texts.some((node) => node.textContent === last) &&
      list!.scrollHeight - list!.scrollTop - list!.clientHeight < 48;
    if (listed && !first) first = { ms: now, atEnd };
    if (atEnd) {
      (globalThis as { gc?: () => void }).gc?.();
      const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
      parent.postMessage(
        {
          firstMessageMs: first!.ms,
          firstFrameAtEnd: first!.atEnd,
          atEndMs: now,
          bubbles: texts.length,
          heapMb: memory ? memory.usedJSHeapSize / 1024 / 1024 : undefined,
        },
        '*',
      );
      return;
    }
    if (now > deadline) parent.postMessage({ error: 'never painted at the end' }, '*');
    else watch();
  };
  watch();
}

async function frameRun(namespace: string, count: number): Promise<PaintResult> {
  const info = (await (await fetch('/__emulator.json')).json()) as { url: string; apiKey: string };
  const params = new URLSearchParams({
    'agent-id': AGENT,
    'api-base': info.url,
    'api-key': info.apiKey,
    namespace,
    locale: 'en',
    last: `Message number ${count - 1}, about as long as a sentence said out loud.`,
  });
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 440px; height: 620px; border: 0';
  // srcdoc: no dev-server scripts injected, and the frame shares this page's origin (and database).
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>
    <script>window.benchParams = ${JSON.stringify(params.toString())};(${frameScript.toString()})();</script>
    <script type="module" src="${location.origin}/dist/krosai-conversation.js"></script>
  </body></html>`;
  const result = new Promise<PaintResult>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${count}: timed out`)), TIMEOUT_MS + 5_000);
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      const data = event.data as PaintResult | { error: string };
      if ('error' in data) reject(new Error(`${count}: ${data.error}`));
      else resolve(data);
    };
    window.addEventListener('message', onMessage);
  });
  const heapBeforeMb = heapMb();
  document.body.append(frame);
  try {
    return { ...(await result), heapBeforeMb };
  } finally {
    frame.remove();
    // Let the removed widget's background work (its server check) end before the next run.
    for (let i = 0; i < 10; i++) await nextFrame();
  }
}

export async function run(): Promise<BenchTable[]> {
  const namespaces = new Map<number, string>();
  for (const count of SIZES) {
    const namespace = `paint-${count}-${Date.now().toString(36)}`;
    await seedLongConversation(namespace, count);
    namespaces.set(count, namespace);
  }
  const results = new Map<number, PaintResult[]>(SIZES.map((count) => [count, []]));
  // Round-robin, so a slow moment of the machine falls on every size alike.
  for (let i = 0; i < RUNS; i++) {
    for (const count of SIZES) {
      results.get(count)!.push(await frameRun(namespaces.get(count)!, count));
    }
  }
  const rows = SIZES.map((count) => {
    const runs = results.get(count)!;
    const heaps = runs.flatMap((r) =>
      r.heapMb === undefined || r.heapBeforeMb === undefined ? [] : [r.heapMb - r.heapBeforeMb],
    );
    const atEndFirst = runs.filter((r) => r.firstFrameAtEnd).length;
    return {
      messages: count,
      'navigation → newest painted at the end ms': spread(runs.map((r) => r.atEndMs)),
      'navigation → first message frame ms': spread(runs.map((r) => r.firstMessageMs)),
      'first frame at the end': `${atEndFirst === runs.length ? 'yes' : atEndFirst === 0 ? 'no' : 'sometimes'} (${atEndFirst}/${runs.length})`,
      'bubbles in DOM': median(runs.map((r) => r.bubbles)),
      'heap at paint +MB': heaps.length === 0 ? 'n/a' : median(heaps).toFixed(2),
    };
  });
  return [
    {
      title: `Navigation → newest stored message painted at the end (median (min-max) of ${RUNS} runs)`,
      rows,
      notes: [
        'Each run: a fresh iframe document loading the built dist/krosai-conversation.js (dev mode, emulator), its history already in IndexedDB; times from the frame navigation start.',
        'A frame is read after it was produced (requestAnimationFrame, then a task). first frame at the end: the first painted frame with a message already showed the newest one with the list at its end.',
        "heap at paint +MB: usedJSHeapSize after gc() right after that frame, less the same just before the frame was added (the frame shares this page's heap).",
      ],
    },
  ];
}
