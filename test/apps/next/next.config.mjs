import { fileURLToPath } from 'node:url';

// krosai-conversation's own dependencies (lit, livekit-client) resolve from the repository's
// node_modules, outside this app: Turbopack may look there.
export default {
  turbopack: { root: fileURLToPath(new URL('../../..', import.meta.url)) },
};
