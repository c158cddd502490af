/** Small summaries for repeated timings. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `median (min–max)` in milliseconds, for one table cell. */
export function spread(values: readonly number[]): string {
  if (values.length === 0) return 'n/a';
  const ms = (value: number) => value.toFixed(0);
  return `${ms(median(values))} (${ms(Math.min(...values))}-${ms(Math.max(...values))})`;
}

/** Resolves after the next animation frame, i.e. once the browser has had a chance to paint. */
export const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Yields to the event loop without the 4 ms clamp of nested timers (a message is a task). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Polls until `check` is true, yielding with `wait` in between; rejects after `timeoutMs`. */
async function until(
  wait: () => Promise<void>,
  check: () => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await wait();
  }
}

/** Polls once a frame until `check` is true. */
export const untilFrame = (check: () => boolean, what: string, timeoutMs?: number) =>
  until(nextFrame, check, what, timeoutMs);

/** Polls once a task until `check` is true. */
export const untilTask = (check: () => boolean, what: string, timeoutMs?: number) =>
  until(nextTask, check, what, timeoutMs);

/** The JS heap in use after a collection, in MB, when Chromium exposes it (bench.mjs asks it to). */
export function heapMb(): number | undefined {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize / 1024 / 1024 : undefined;
}
