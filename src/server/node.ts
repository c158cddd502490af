import type { KrosaiHandler } from './handler.js';

/*
 * Mounts a Fetch-API handler in Node's http server, Express or Connect. The types below describe
 * just what we use of Node's IncomingMessage and ServerResponse, so this file needs no Node types
 * and the package none of Node's code.
 */

export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string;
  url?: string;
  /** Express: the URL before its mount path was cut off. */
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Set by a body parser (express.json(), express.text()) that already read the stream. */
  body?: unknown;
  /** False while the body stream is unread (a parser may set `body = {}` and skip the stream). */
  readableEnded?: boolean;
}

export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(chunk?: Uint8Array | string): unknown;
  headersSent?: boolean;
  writableEnded?: boolean;
  on?(event: 'close', listener: () => void): unknown;
}

export type NodeNext = (error?: unknown) => void;

export interface NodeHandlerOptions {
  /**
   * Serve only paths under this prefix (e.g. `/api/krosai`) and hand the rest to `next` (or 404
   * without one). Leave it out when the framework already mounts the handler at a path.
   */
  basePath?: string;
}

const MAX_BODY_BYTES = 64 * 1024;
/**
 * Methods passed on to the handler (which answers 405 to those its routes do not take). Others,
 * TRACE and CONNECT among them, cannot even make a `Request`: they are answered 405 here.
 */
const PASSED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** `(req, res, next?)`: a request listener for node:http and a middleware for Express/Connect. */
export function toNodeHandler(handler: KrosaiHandler, options: NodeHandlerOptions = {}) {
  const basePath = options.basePath?.replace(/\/+$/, '');

  return async (req: NodeRequestLike, res: NodeResponseLike, next?: NodeNext): Promise<void> => {
    const path = (req.originalUrl ?? req.url ?? '/').split('?')[0]!;
    if (basePath && path !== basePath && !path.startsWith(`${basePath}/`)) {
      if (next) next();
      else sendPlain(res, 404, 'Not found');
      return;
    }
    if (!PASSED_METHODS.has((req.method ?? 'GET').toUpperCase())) {
      res.setHeader('Allow', 'GET, POST');
      sendPlain(res, 405, 'Method not allowed');
      return;
    }
    try {
      const request = await toRequest(req, res);
      if (request === undefined) {
        sendPlain(res, 413, 'Body too large');
        return;
      }
      await send(res, await handler(request));
    } catch {
      // The handler answers its own failures; this is the stream failing under us.
      if (!res.headersSent) sendPlain(res, 500, 'Internal error');
      else if (!res.writableEnded) res.end();
    }
  };
}

async function toRequest(
  req: NodeRequestLike,
  res: NodeResponseLike,
): Promise<Request | undefined> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  let body: Uint8Array | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    body = await readBody(req);
    if (body === undefined) return undefined;
    // The body was read here (or re-encoded from a parser's result): its length is ours now.
    headers.delete('content-length');
    headers.delete('transfer-encoding');
  }
  // Aborts the handler's call to KrosAI when the visitor goes away.
  const aborter = new AbortController();
  res.on?.('close', () => {
    if (!res.writableEnded) aborter.abort();
  });
  // Only the path and query matter to the handler; the host is not trusted for anything.
  const url = new URL(req.url ?? '/', 'http://localhost');
  return new Request(url, {
    method,
    headers,
    body: body as BodyInit | undefined,
    signal: aborter.signal,
  });
}

/** The raw body, or undefined when it is larger than we accept. */
async function readBody(req: NodeRequestLike): Promise<Uint8Array | undefined> {
  const encoder = new TextEncoder();
  if (req.body !== undefined && req.readableEnded !== false) {
    const parsed = req.body;
    if (parsed instanceof Uint8Array) return parsed;
    return encoder.encode(typeof parsed === 'string' ? parsed : JSON.stringify(parsed));
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    length += bytes.length;
    if (length > MAX_BODY_BYTES) return undefined;
    chunks.push(bytes);
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

async function send(res: NodeResponseLike, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(new Uint8Array(await response.arrayBuffer()));
}

function sendPlain(res: NodeResponseLike, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}
