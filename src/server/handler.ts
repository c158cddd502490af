import { KrosaiApiError } from '../api/api-error.js';
import { HANDLE_HEADER } from '../api/backend-api.js';
import { type AuthHeader, createDirectApi, DEFAULT_API_BASE } from '../api/direct-api.js';
import type { KrosaiServerApi } from '../api/types.js';
import { KrosaiError } from '../errors.js';
import { type FeedbackHook, readFeedback } from './feedback.js';
import { fromAllowedOrigin, type RateLimit } from './guards.js';
import { createHandleSigner, type HandleSigner } from './handle.js';
import { readJsonObject } from './json-body.js';
import {
  conversationBody,
  errorResponse,
  json,
  messagesBody,
  upstreamErrorResponse,
  voiceBody,
} from './responses.js';
import { isSafeId, matchRoute, type Route } from './routes.js';

export interface KrosaiHandlerOptions {
  /** KrosAI's secret key. It stays on the server: no response ever contains it. */
  apiKey: string;
  /** The agent ids visitors may talk to; any other gets 403. */
  agents: readonly string[];
  /** Signs ownership handles: a long random string (32+ characters), kept secret, kept stable. */
  secret: string;
  /** KrosAI's origin; default https://api.krosai.com. */
  apiBase?: string;
  /** How KrosAI receives the key: `Authorization: Bearer` (default) or `X-API-Key`. */
  authHeader?: AuthHeader;
  /** The fetch used to call KrosAI; default the global one. */
  fetch?: typeof fetch;
  /** Timeout of each call to KrosAI in milliseconds; default 15 000. */
  timeoutMs?: number;
  /** Refuse handles older than this; default: handles never expire. */
  handleMaxAgeSeconds?: number;
  /**
   * Origins, besides the route's own, whose pages may create conversations and start calls
   * (`https://www.example.com`): a site whose pages and backend are on different hosts, or behind
   * a proxy that rewrites `Host`. Other pages get 403.
   */
  allowedOrigins?: readonly string[];
  /** The site's rate limit, asked before each request is served: see `RateLimit`. */
  rateLimit?: RateLimit;
  /**
   * Takes the visitor's feedback (thumbs and ratings) from widgets with `forward-feedback`, at
   * `POST /conversations/{id}/feedback`. Without it that route answers 404.
   */
  onFeedback?: FeedbackHook;
  /** Told about unexpected failures (KrosAI errors are answered, not reported), for the site's logs. */
  onError?: (error: unknown) => void;
}

export type KrosaiHandler = (request: Request) => Promise<Response>;

const MAX_BODY_LENGTH = 16 * 1024;
const MAX_TITLE_LENGTH = 200;
const MIN_SECRET_LENGTH = 16;

/**
 * The route a site mounts on its backend so the widget never needs the KrosAI key: a standard
 * Fetch-API handler (Node via `toNodeHandler`, Express, Next.js, Hono, Workers, Deno, Bun).
 * Relative to wherever it is mounted:
 *   POST /conversations                {"agent_id", "title"?}  → conversation + `handle`
 *   GET  /conversations/{id}           X-Krosai-Handle (or ?handle=) → conversation, fresh token
 *   GET  /conversations/{id}/messages  X-Krosai-Handle (or ?handle=) → messages, no `system`
 *   POST /agents/{agentId}/voice       → {room_name, room_url, token}
 *   POST /conversations/{id}/feedback  X-Krosai-Handle, feedback JSON → 204 (with `onFeedback`)
 * Errors are `{"error", "code"}` JSON with a fitting status; it never throws.
 *
 * Given a function, it reads the options on the first request instead (so a build without the
 * secrets, such as `next build`, can import the route): until they are complete every request
 * gets a 500 `{"code": "config"}` naming what is missing. Given an object, it checks at once.
 */
export function createKrosaiHandler(
  options: KrosaiHandlerOptions | (() => KrosaiHandlerOptions),
): KrosaiHandler {
  if (typeof options !== 'function') return handlerFor(options);
  let handler: KrosaiHandler | undefined;
  return async (request) => {
    if (handler === undefined) {
      try {
        handler = handlerFor(options());
      } catch (error) {
        const known = error instanceof KrosaiError && error.reason === 'config';
        const message = known ? error.message : 'createKrosaiHandler: reading the options failed.';
        console.error(...(known ? [message] : [message, error]));
        return errorResponse(500, 'config', message);
      }
    }
    return handler(request);
  };
}

function handlerFor(options: KrosaiHandlerOptions): KrosaiHandler {
  checkOptions(options);
  const agents = new Set(options.agents);
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const signer = createHandleSigner(options.secret, options.handleMaxAgeSeconds);
  const krosai = createDirectApi({
    apiKey: options.apiKey,
    apiBase: options.apiBase || DEFAULT_API_BASE,
    authHeader: options.authHeader ?? 'authorization',
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 15_000,
    // One attempt: the browser retries, and retries on both sides would multiply.
    retries: 0,
    retryDelayMs: 0,
    maxRetryDelayMs: 0,
    bypassCache: false,
  });

  return async (request) => {
    try {
      const route = matchRoute(new URL(request.url).pathname);
      if (route === undefined) return errorResponse(404, 'not-found', 'No such route.');
      if (route === 'bad-path') return errorResponse(400, 'bad-request', 'Malformed path.');
      if (request.method !== route.method) {
        return errorResponse(405, 'bad-request', `Use ${route.method}.`, { Allow: route.method });
      }
      if (route.method === 'POST' && !fromAllowedOrigin(request, allowedOrigins)) {
        return errorResponse(403, 'forbidden', 'Requests from other sites are refused.');
      }
      const verdict = await options.rateLimit?.(request, route.operation);
      if (verdict !== undefined) return tooManyRequests(verdict.retryAfterSeconds);
      return await serve(route, request, {
        agents,
        signer,
        krosai,
        onFeedback: options.onFeedback,
      });
    } catch (error) {
      if (error instanceof KrosaiApiError) return upstreamErrorResponse(error);
      try {
        options.onError?.(error);
      } catch {
        // A failing logger must not turn the 500 into a rejection the site's server has to catch.
      }
      return errorResponse(500, 'server', 'The route failed.');
    }
  };
}

interface Context {
  agents: ReadonlySet<string>;
  signer: HandleSigner;
  krosai: KrosaiServerApi;
  onFeedback: FeedbackHook | undefined;
}

async function serve(route: Route, request: Request, context: Context): Promise<Response> {
  const call = { signal: request.signal };
  switch (route.operation) {
    case 'create-conversation': {
      const input = await readCreateInput(request);
      if (input === 'too-large') return errorResponse(413, 'bad-request', 'The body is too large.');
      if (typeof input === 'string') return errorResponse(400, 'bad-request', input);
      if (!context.agents.has(input.agentId)) {
        return errorResponse(403, 'forbidden', 'This agent is not offered here.');
      }
      const conversation = await context.krosai.createConversation(input, call);
      const handle = await context.signer.sign(conversation.id);
      return json(conversationBody(conversation, handle), 201);
    }
    case 'get-conversation':
    case 'get-messages': {
      const id = route.conversationId;
      if (!isSafeId(id)) return errorResponse(400, 'bad-request', 'Malformed conversation id.');
      if (!(await context.signer.verify(id, readHandle(request)))) {
        return errorResponse(403, 'forbidden', 'This conversation belongs to someone else.');
      }
      if (route.operation === 'get-conversation') {
        return json(conversationBody(await context.krosai.getConversation({ id }, call)));
      }
      return json(messagesBody(await context.krosai.getMessages({ id }, call)));
    }
    case 'post-feedback': {
      const id = route.conversationId;
      if (!context.onFeedback)
        return errorResponse(404, 'not-found', 'Feedback is not taken here.');
      if (!isSafeId(id)) return errorResponse(400, 'bad-request', 'Malformed conversation id.');
      if (!(await context.signer.verify(id, readHandle(request)))) {
        return errorResponse(403, 'forbidden', 'This conversation belongs to someone else.');
      }
      const feedback = await readFeedback(request, id);
      if (feedback === 'too-large')
        return errorResponse(413, 'bad-request', 'The body is too large.');
      if (typeof feedback === 'string') return errorResponse(400, 'bad-request', feedback);
      await context.onFeedback(feedback, { request });
      return new Response(null, { status: 204 });
    }
    case 'start-voice': {
      if (!context.agents.has(route.agentId)) {
        return errorResponse(403, 'forbidden', 'This agent is not offered here.');
      }
      return json(voiceBody(await context.krosai.startVoiceSession(route.agentId, call)), 201);
    }
  }
}

function readHandle(request: Request): string {
  return (
    request.headers.get(HANDLE_HEADER) ?? new URL(request.url).searchParams.get('handle') ?? ''
  );
}

function tooManyRequests(retryAfterSeconds: number | undefined): Response {
  const seconds = Number.isFinite(retryAfterSeconds)
    ? Math.max(0, Math.ceil(retryAfterSeconds!))
    : 0;
  return errorResponse(
    429,
    'rate-limited',
    'Too many requests.',
    seconds > 0 ? { 'Retry-After': String(seconds) } : {},
  );
}

/** The create body, 'too-large', or a sentence saying what is wrong with it. */
async function readCreateInput(
  request: Request,
): Promise<{ agentId: string; title?: string } | string> {
  const body = await readJsonObject(request, MAX_BODY_LENGTH);
  if (typeof body === 'string') return body;
  const { agent_id: agentId, title } = body as { agent_id?: unknown; title?: unknown };
  if (typeof agentId !== 'string' || agentId === '') return 'agent_id is missing.';
  if (title === undefined || title === null) return { agentId };
  if (typeof title !== 'string' || title.length > MAX_TITLE_LENGTH) {
    return `title must be a string of at most ${MAX_TITLE_LENGTH} characters.`;
  }
  return { agentId, title };
}

function checkOptions(options: KrosaiHandlerOptions): void {
  const problem = !options
    ? 'the options are missing.'
    : !options.apiKey
      ? 'apiKey is missing.'
      : !Array.isArray(options.agents) || options.agents.length === 0
        ? 'agents must list at least one agent id.'
        : typeof options.secret !== 'string' || options.secret.length < MIN_SECRET_LENGTH
          ? `secret must be a random string of at least ${MIN_SECRET_LENGTH} characters.`
          : undefined;
  if (problem !== undefined) throw new KrosaiError('config', `createKrosaiHandler: ${problem}`);
}
