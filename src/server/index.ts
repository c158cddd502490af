// `krosai-conversation/server`: the route a site mounts on its backend, so the KrosAI key
// never reaches the page. Fetch API and Web Crypto only: Node, Workers, Deno, Bun.
export { HANDLE_HEADER } from '../api/backend-api.js';
export type { AuthHeader } from '../api/direct-api.js';
export type { KrosaiFeedback } from '../events.js';
export type { FeedbackHook } from './feedback.js';
export type { RateLimit, RateLimitVerdict } from './guards.js';
export { createKrosaiHandler, type KrosaiHandler, type KrosaiHandlerOptions } from './handler.js';
export {
  type NodeHandlerOptions,
  type NodeNext,
  type NodeRequestLike,
  type NodeResponseLike,
  toNodeHandler,
} from './node.js';
