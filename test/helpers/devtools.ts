import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

/** What the page holds after a garbage collection (scripts/devtools-plugin.mjs). */
export interface PageCounters {
  documents: number;
  nodes: number;
  /** JavaScript event listeners on every node and window of the page. */
  listeners: number;
  heapBytes: number;
  /** Live objects of each kind asked for. */
  alive: Record<string, number>;
}

const STASH = '__krosaiCountedPrototypes';

/**
 * Collects garbage and counts what the page holds, with the live objects of each kind asked for:
 * `globals` by constructor name (`RTCPeerConnection`), `prototypes` by their prototype (a class of
 * ours or of a library, which is not a global).
 */
export async function pageCounters(
  kinds: { globals?: string[]; prototypes?: Record<string, object> } = {},
): Promise<PageCounters> {
  const stash = globalThis as unknown as Record<string, unknown>;
  stash[STASH] = kinds.prototypes ?? {};
  try {
    return await executeServerCommand<PageCounters, object>('page-counters', {
      globals: kinds.globals ?? [],
      stashed: Object.keys(kinds.prototypes ?? {}),
      stash: STASH,
    });
  } finally {
    delete stash[STASH];
  }
}

/** The page says it is hidden (or visible again), as when the visitor switches tabs. */
function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}

/**
 * The tab goes to the background for `ms`: hidden, then its JavaScript stopped as Chromium freezes
 * a background tab, then back. Resolves once the page has run again after a stop that long.
 */
export async function freezePage(ms: number): Promise<void> {
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 50);
  setVisibility('hidden');
  try {
    await executeServerCommand<true, { ms: number }>('freeze-page', { ms });
    // Timers due while stopped fire on waking: the bound covers the stopped time too.
    await waitUntil(() => longestGap >= ms, 'the page never stopped', { timeout: ms + 10_000 });
  } finally {
    clearInterval(ticker);
    delete (document as { visibilityState?: unknown }).visibilityState;
    delete (document as { hidden?: unknown }).hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  }
}
