// The demo site's backend: the KrosAI route mounted at /api/krosai, as a site would mount it. The
// demo's Vite dev server plugs it in as middleware, so the page uses session-url="/api/krosai"
// and never sees the key.
import { createKrosaiHandler } from '../src/server/index.js';
import { toNodeHandler } from '../src/server/node.js';

export interface DemoBackendOptions {
  /** Where KrosAI is (the emulator's URL in the demo). */
  apiBase: string;
  apiKey: string;
  agents: string[];
  /** Signs the visitors' ownership handles. */
  secret: string;
}

export const DEMO_BACKEND_PATH = '/api/krosai';

/** A Connect/Express middleware `(req, res, next)`: serves /api/krosai/*, passes the rest on. */
export function createDemoBackend(options: DemoBackendOptions) {
  const handler = createKrosaiHandler({
    apiKey: options.apiKey,
    apiBase: options.apiBase,
    agents: options.agents,
    secret: options.secret,
    onError: (error) => console.error('[demo backend]', error),
  });
  return toNodeHandler(handler, { basePath: DEMO_BACKEND_PATH });
}
