/** How long work waits for a paint at most: a hidden page paints nothing until it is shown. */
const PAINT_WAIT_MS = 200;

/**
 * Resolves once the browser has painted the next frame (a task after it), so work that need not
 * delay what the visitor sees (the history list, the server check) runs after it. Resolves anyway
 * after PAINT_WAIT_MS, since a page in the background produces no frames.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, PAINT_WAIT_MS);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}
