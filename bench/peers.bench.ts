// Our widget beside its peers, in one run: the built dist/krosai-conversation.js, the Lit+idb
// floor (bench/floor/, the physical limit), deep-chat 2.4.2 and the ElevenLabs embed 0.5.4 (both
// bench-only dev dependencies, never imported by src/). Each run is a fresh iframe document
// (bench/peer-frame.ts), round-robin, so a slow moment of the machine falls on every subject alike.
import { emulatorInfo } from '../test/helpers/emulator.js';
import type { BenchTable } from './bench-table.js';
import { type FrameResult, frameRun, gzipBytes, type Subject } from './peer-frame.js';
import { AGENT, seedLongConversation } from './seed-conversation.js';
import { median, spread } from './stats.js';

const RUNS = 7;
const HISTORY_RUNS = 5;
const SIZES = [100, 1_000, 10_000];
// deep-chat renders every message it is given in one go: with 10,000 its frame held the main
// thread (shared with this page) for minutes in a trial run, so it is measured up to 1,000.
const DEEP_CHAT_MAX = 1_000;
const text = (index: number) =>
  `Message number ${index}, about as long as a sentence said out loud.`;

type Row = Record<string, string | number>;

async function subjects(): Promise<Record<string, Subject>> {
  const { url, apiKey } = await emulatorInfo();
  return {
    blank: {},
    floor: { script: '/bench/.build/floor.js', module: true, tag: 'bench-floor' },
    ours: {
      script: '/dist/krosai-conversation.js',
      module: true,
      tag: 'krosai-conversation',
      attrs: {
        'agent-id': AGENT,
        'api-base': url,
        'api-key': apiKey,
        namespace: `peers-${Date.now().toString(36)}`,
        locale: 'en',
      },
    },
    'deep-chat': {
      script: '/node_modules/deep-chat/dist/deepChat.bundle.js',
      module: true,
      tag: 'deep-chat',
    },
    elevenlabs: {
      script: '/node_modules/@elevenlabs/convai-widget-embed/dist/index.js',
      module: false,
      tag: 'elevenlabs-convai',
      // No such agent, and the frame's policy refuses every request off this machine.
      attrs: { 'agent-id': 'agent_bench_offline_dummy' },
    },
  };
}

async function scriptBytes(run: FrameResult): Promise<number> {
  let sum = 0;
  for (const url of run.scripts) sum += await gzipBytes(url);
  return sum;
}

const ratio = (ours: number, peer: number) => (peer > 0 ? (ours / peer).toFixed(2) : 'n/a');

async function loadTable(): Promise<BenchTable> {
  const all = await subjects();
  const names = Object.keys(all);
  const runs = new Map<string, FrameResult[]>(names.map((name) => [name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const name of names)
      runs.get(name)!.push(await frameRun(all[name]!, all.ours!.attrs!['api-base']!));
  }
  const blankHeap = median(
    runs.get('blank')!.flatMap((r) => (r.heapMb === undefined ? [] : [r.heapMb])),
  );
  const figures = new Map<string, Record<string, number>>();
  for (const name of names.filter((n) => n !== 'blank')) {
    const list = runs.get(name)!;
    const bytes: number[] = [];
    for (const run of list) bytes.push(await scriptBytes(run));
    const heaps = list.flatMap((r) => (r.heapMb === undefined ? [] : [r.heapMb - blankHeap]));
    figures.set(name, {
      bytes: median(bytes),
      files: median(list.map((r) => r.scripts.length)),
      defined: median(list.map((r) => r.definedMs)),
      eval: median(list.map((r) => r.evalMs)),
      longTaskRuns: list.filter((r) => r.longTasks.length > 0).length,
      longTaskMax: Math.max(0, ...list.flatMap((r) => r.longTasks)),
      heap: heaps.length ? median(heaps) : Number.NaN,
      nodes: median(list.map((r) => r.shadowNodes)),
      idle: median(list.map((r) => r.idleMutations)),
      blocked: median(list.map((r) => r.blocked.length)),
    });
  }
  const ours = figures.get('ours')!;
  const rows: Row[] = [...figures].map(([name, f]) => ({
    widget: name,
    'JS before any click, gzip B': f.bytes!,
    files: f.files!,
    'ours/this bytes': ratio(ours.bytes!, f.bytes!),
    'navigation → defined ms': f.defined!.toFixed(0),
    'ours/this defined': ratio(ours.defined!, f.defined!),
    'script eval ms': f.eval!.toFixed(0),
    'runs with a long task': `${f.longTaskRuns}/${RUNS}`,
    'longest task ms': f.longTaskMax!.toFixed(0),
    'heap over blank MB': Number.isNaN(f.heap!) ? 'n/a' : f.heap!.toFixed(2),
    'ours/this heap': ratio(ours.heap!, f.heap!),
    'shadow nodes': f.nodes!,
    'idle mutations /s': f.idle!,
    'blocked requests': f.blocked!,
  }));
  const blocked = runs.get('elevenlabs')![0]?.blocked ?? [];
  return {
    title: `Page load, no click: ours beside the floor and the peers (medians of ${RUNS} runs, round-robin)`,
    rows,
    notes: [
      'Each run: a fresh iframe document (same origin, warm HTTP cache) with a 420×600 box; the widget script loaded as a site does, the element created with no history (ours: dev mode against the emulator, an empty namespace).',
      'JS before any click: every script fetched (resource timing) up to 1.5 s after the element was defined, its file on disk gzipped at level 9 as npm run size does.',
      'script eval: the main script response end → element defined (compile, evaluation, definition). long tasks: PerformanceObserver "longtask" from the first inline script to the end of the load.',
      'heap over blank: usedJSHeapSize after gc() at the end, less the same before the frame was added, less the same for a blank frame. shadow nodes: elements in the open shadow roots, nested ones included.',
      'idle mutations: DOM mutation records in the shadow roots in the second after the load (a measure of idle work; 0 is the target).',
      `ElevenLabs: a dummy agent id; the frame's Content-Security-Policy refuses every request off this machine, so the agent's configuration never loads and the widget stays as it fails closed. Refused in one run: ${blocked.slice(0, 4).join('; ') || 'none'}.`,
    ],
  };
}

async function historyTable(): Promise<BenchTable> {
  const all = await subjects();
  const emulatorUrl = all.ours!.attrs!['api-base']!;
  const namespaces = new Map<number, string>();
  for (const count of SIZES) {
    const namespace = `peers-history-${count}-${Date.now().toString(36)}`;
    await seedLongConversation(namespace, count);
    namespaces.set(count, namespace);
  }
  const histories = new Map(
    SIZES.map((count) => [
      count,
      Array.from({ length: count }, (_, i) => ({ role: i % 2 ? 'ai' : 'user', text: text(i) })),
    ]),
  );
  const ours = new Map<number, FrameResult[]>(SIZES.map((count) => [count, []]));
  const deep = new Map<number, FrameResult[]>(SIZES.map((count) => [count, []]));
  for (let i = 0; i < HISTORY_RUNS; i++) {
    for (const count of SIZES) {
      const last = text(count - 1);
      const attrs = { ...all.ours!.attrs!, namespace: namespaces.get(count)! };
      ours.get(count)!.push(await frameRun({ ...all.ours!, attrs, last }, emulatorUrl));
      const history = histories.get(count)!;
      if (count <= DEEP_CHAT_MAX)
        deep.get(count)!.push(await frameRun({ ...all['deep-chat']!, history, last }, emulatorUrl));
    }
  }
  const rows = SIZES.map((count) => {
    const o = ours.get(count)!;
    const d = deep.get(count)!;
    const oursMs = o.map((r) => r.atEndMs!);
    const deepMs = d.map((r) => r.atEndMs!);
    const none = 'not run';
    const mb = (list: FrameResult[]) => {
      const heaps = list.flatMap((r) => (r.heapMb === undefined ? [] : [r.heapMb]));
      return heaps.length ? median(heaps).toFixed(2) : 'n/a';
    };
    return {
      messages: count,
      'ours: navigation → at end ms': spread(oursMs),
      'deep-chat: navigation → at end ms': d.length ? spread(deepMs) : none,
      'deep-chat: history set → at end ms': d.length
        ? spread(d.map((r) => r.atEndMs! - r.historySetMs!))
        : none,
      'ours/deep-chat': d.length ? ratio(median(oursMs), median(deepMs)) : none,
      'ours longest task ms': Math.max(0, ...o.flatMap((r) => r.longTasks)).toFixed(0),
      'deep-chat longest task ms': !d.length
        ? none
        : Math.max(0, ...d.flatMap((r) => r.longTasks)).toFixed(0),
      'ours heap +MB': mb(o),
      'deep-chat heap +MB': d.length ? mb(d) : none,
      'ours shadow nodes': median(o.map((r) => r.shadowNodes)),
      'deep-chat shadow nodes': d.length ? median(d.map((r) => r.shadowNodes)) : none,
    };
  });
  return {
    title: `First paint at the end of 100 / 1,000 / 10,000 messages: ours beside deep-chat (median (min-max) of ${HISTORY_RUNS} runs)`,
    rows,
    notes: [
      'ours: the history already in IndexedDB (as after earlier visits), dev mode against the emulator. deep-chat: the same messages given as its `history` property as soon as it is defined (it keeps no store of its own).',
      'at end: the first animation frame (read a task later) where the newest message is in the DOM with its scrolling list within 48 px of the end. Times from the frame navigation start.',
      'deep-chat with 10,000 messages: not run; in a trial run it held the main thread for several minutes (it renders every message it is given) and never painted within the bench time.',
      'heap +MB: usedJSHeapSize after gc() a second after that frame, less the same before the frame was added (deep-chat: includes the history array the page handed it).',
    ],
  };
}

export async function run(): Promise<BenchTable[]> {
  return [await loadTable(), await historyTable()];
}
