import type { Route } from './routes.js';

/*
 * Checks a request must pass before the route does any work: where it comes from (CSRF) and how
 * often (the site's own rate limit).
 */

/** What a rate limit says about one request: undefined serves it, an object refuses it (429). */
export type RateLimitVerdict = undefined | { retryAfterSeconds?: number };

/**
 * The site's rate limit, asked before each request is served (and before KrosAI is called).
 * `operation` says what the request would do; key it on whatever identifies a visitor to the site
 * (its session, the client address its proxy reports).
 */
export type RateLimit = (
  request: Request,
  operation: Route['operation'],
) => RateLimitVerdict | Promise<RateLimitVerdict>;

/**
 * Whether a state-changing request may be served. A browser names the page that sent a request in
 * `Origin` (and `Sec-Fetch-Site`), and any page may send a "simple" cross-site POST (`text/plain`,
 * no preflight) with the visitor's cookies: only pages of the site itself, or of the origins it
 * lists, may create conversations or start calls. A request with neither header does not come
 * from a browser page (a server calling the route, curl) and is served.
 */
export function fromAllowedOrigin(request: Request, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = request.headers.get('Origin');
  if (origin === null) return request.headers.get('Sec-Fetch-Site') !== 'cross-site';
  if (allowedOrigins.has(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // `null` (sandboxed frames, file: pages) and anything unparsable
  }
  // The Host header, not the URL: adapters (ours included) rebuild the URL without the real host.
  // A browser always sends the host it is talking to, so a page elsewhere cannot match it.
  return host === new URL(request.url).host || host === request.headers.get('Host');
}
