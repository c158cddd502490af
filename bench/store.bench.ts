import type { ConversationMessage } from '../src/api/types.js';
import { openConversationStore } from '../src/store/open-store.js';
import type { ConversationStore } from '../src/store/types.js';
import type { BenchTable } from './bench-table.js';
import { installTransactionCounter, measure } from './transaction-counter.js';

const MESSAGES = 10_000;
const PAGE = 200;
const READ_REPEATS = 20;
const SEGMENT_UPDATES = 1_000;
const UPDATES_PER_SEGMENT = 20;

type Row = Record<string, string | number>;

function row(
  operation: string,
  ops: number,
  result: { ms: number; readonly: number; readwrite: number },
): Row {
  return {
    operation,
    ops,
    'total ms': result.ms.toFixed(1),
    'ms per op': (result.ms / ops).toFixed(3),
    'read-write tx': result.readwrite,
    'read-only tx': result.readonly,
  };
}

function serverTranscript(conversationId: string, count: number): ConversationMessage[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    conversationId,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `Message number ${i}, long enough to look like a spoken sentence in a conversation.`,
    createdAt: new Date(start + i * 1000),
  }));
}

async function writes(store: ConversationStore): Promise<Row[]> {
  const oneByOne = await measure(async () => {
    for (let i = 0; i < MESSAGES; i++) {
      await store.addMessage({
        id: `local:${i}`,
        conversationId: 'typed',
        role: 'user',
        text: `Typed message ${i}`,
        createdAt: i,
        state: 'final',
        origin: 'live',
      });
    }
  });
  const merged = await measure(() =>
    store.reconcile('merged', serverTranscript('merged', MESSAGES)),
  );
  return [
    row('addMessage, awaited one after another', MESSAGES, oneByOne),
    row('reconcile: one server transcript of 10,000', MESSAGES, merged),
  ];
}

async function reads(store: ConversationStore): Promise<Row[]> {
  await store.reconcile('long', serverTranscript('long', MESSAGES));
  const timings = [];
  for (let i = 0; i < READ_REPEATS; i++) {
    timings.push(await measure(() => store.messages('long', { limit: PAGE })));
  }
  timings.sort((a, b) => a.ms - b.ms);
  const median = timings[Math.floor(timings.length / 2)]!;
  return [row(`messages: last ${PAGE} of ${MESSAGES} (median of ${READ_REPEATS})`, 1, median)];
}

function segmentUpdate(conversationId: string, i: number) {
  const segment = Math.floor(i / UPDATES_PER_SEGMENT);
  const step = (i % UPDATES_PER_SEGMENT) + 1;
  return {
    conversationId,
    segmentId: `SG_${segment}`,
    role: segment % 2 === 0 ? ('user' as const) : ('assistant' as const),
    text: 'word '.repeat(step).trim(),
    final: step === UPDATES_PER_SEGMENT,
    createdAt: Date.UTC(2026, 0, 1) + segment * 1000,
  };
}

async function streaming(store: ConversationStore): Promise<Row[]> {
  const burst = await measure(async () => {
    const updates = [];
    for (let i = 0; i < SEGMENT_UPDATES; i++)
      updates.push(store.upsertSegment(segmentUpdate('burst', i)));
    await Promise.all(updates);
    await store.flush();
  });
  // Paced like a live transcript: each update in its own task, a few milliseconds apart.
  const paced = await measure(async () => {
    for (let i = 0; i < SEGMENT_UPDATES; i++) {
      await store.upsertSegment(segmentUpdate('paced', i));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await store.flush();
  });
  return [
    row('upsertSegment, all at once, then flush', SEGMENT_UPDATES, burst),
    row('upsertSegment, one every >=2 ms, then flush', SEGMENT_UPDATES, paced),
  ];
}

export async function run(): Promise<BenchTable[]> {
  installTransactionCounter();
  const dbName = `krosai-bench-${Date.now()}`;
  let fellBack = false;
  const store = await openConversationStore({
    dbName,
    retention: { maxMessagesPerConversation: MESSAGES * 2 },
    // A warning means the history fell back to memory.
    onWarning: () => {
      fellBack = true;
    },
  });
  if (fellBack) throw new Error('The benchmark needs IndexedDB.');
  try {
    return [
      {
        title: 'IndexedDB conversation store (src/store)',
        rows: [...(await writes(store)), ...(await reads(store)), ...(await streaming(store))],
        notes: [
          `Streaming: ${SEGMENT_UPDATES} updates over ${SEGMENT_UPDATES / UPDATES_PER_SEGMENT} segments ` +
            `(${UPDATES_PER_SEGMENT - 1} interim + 1 final each), batched every 100 ms.`,
          'Times include the in-memory safety copy the store keeps of everything it reads or writes.',
        ],
      },
    ];
  } finally {
    store.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    indexedDB.deleteDatabase(dbName);
  }
}
