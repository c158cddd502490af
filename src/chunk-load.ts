import { KrosaiError } from './errors.js';

/**
 * Runs a dynamic import of one of the widget's own chunks. A chunk that cannot be fetched (not
 * uploaded next to the script, blocked by a proxy, by CORS or by an import map's `integrity`)
 * rejects with reason `load-failed` (`network` when the browser is offline), which the widget explains to the visitor and reports as
 * `krosai-error`, instead of a bare `TypeError` that would read "Something went wrong".
 */
export function loadChunk<T>(what: string, load: () => Promise<T>): Promise<T> {
  return load().catch((error: unknown) => {
    // Offline, every file fails: that is the network's doing, not the site's hosting.
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      throw new KrosaiError('network', `The widget's ${what} could not be loaded: offline.`, {
        cause: error,
      });
    }
    throw new KrosaiError(
      'load-failed',
      `The widget's ${what} could not be loaded: upload dist/chunks/ next to krosai-conversation.js and serve it with CORS (see the README, Hosting).`,
      { cause: error, detail: error instanceof Error ? error.message : String(error) },
    );
  });
}
