import { KrosaiApiError, messageForReason, readErrorBody, reasonForStatus } from './api-error.js';
import { backoffDelay, parseRetryAfter, sleep } from './backoff.js';
import { readTextWithin } from './read-body.js';
import type { CallOptions } from './types.js';

/** How one client talks HTTP; every field has a default in create-api.ts. */
export interface HttpSettings {
  fetch: typeof fetch;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Extra attempts after the first, for requests that may be retried. */
  retries: number;
  /** First backoff delay; doubles on each retry. */
  retryDelayMs: number;
  /** Longest single wait; a `Retry-After` asking for more ends the retries instead. */
  maxRetryDelayMs: number;
  /**
   * Send `cache: 'no-store'`: in a browser a cached GET would hand out a stale token. Off on
   * servers, which have no HTTP cache and where some runtimes reject the option.
   */
  bypassCache: boolean;
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

/** The largest answer read; a bigger one (or an endless one) is refused as it streams in. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * Sends a request and resolves with the parsed JSON body of a 2xx answer. Rejects with a
 * KrosaiApiError. GETs are retried on network errors, timeouts, 5xx and 429; POSTs only on 429,
 * the one answer that says the server did not act on them.
 */
export async function requestJson(
  settings: HttpSettings,
  request: JsonRequest,
  options: CallOptions = {},
): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(settings, request, options);
    } catch (error) {
      const wait = retryWait(settings, request, error, attempt);
      if (wait === undefined) throw error;
      try {
        await sleep(wait, options.signal);
      } catch (reason) {
        throw abortedError(reason);
      }
    }
  }
}

async function attemptOnce(
  settings: HttpSettings,
  request: JsonRequest,
  options: CallOptions,
): Promise<unknown> {
  const { signal } = options;
  if (signal?.aborted) throw abortedError(signal.reason);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The server did not answer in time.', 'TimeoutError'));
  }, options.timeoutMs ?? settings.timeoutMs);
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });

  try {
    let response: Response;
    let text: string | undefined;
    try {
      // Raced against the signal too: a custom `fetch` might not honour it.
      response = await untilAborted(
        settings.fetch(request.url, init(request, controller.signal, settings.bypassCache)),
        controller.signal,
      );
      if (isRedirect(response)) throw redirectError(response);
      text = await untilAborted(
        readTextWithin(response.body, MAX_RESPONSE_BYTES),
        controller.signal,
      );
    } catch (error) {
      if (error instanceof KrosaiApiError) throw error;
      if (signal?.aborted) throw abortedError(signal.reason);
      const reason = timedOut ? 'timeout' : 'network';
      throw new KrosaiApiError(reason, messageForReason(reason), { cause: error });
    }
    if (text === undefined) {
      throw new KrosaiApiError('bad-response', 'The server answered with too large a body.', {
        status: response.status,
      });
    }
    if (!response.ok) throw httpError(response, text);
    return parseJson(text, response.status);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

function init(request: JsonRequest, signal: AbortSignal, bypassCache: boolean): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  // Redirects are never followed: the request carries credentials (the API key, the visitor's
  // handle), and following would hand them to whatever host the redirect names.
  const init: RequestInit = { method: request.method, headers, signal, redirect: 'manual' };
  if (request.body !== undefined) init.body = JSON.stringify(request.body);
  if (bypassCache) init.cache = 'no-store';
  return init;
}

/** The `code` of the error a redirect gives: the route answers 502 with it. */
export const REDIRECT_CODE = 'upstream-redirect';

/** A redirect answer: real in Node (`manual` gives it as is), opaque in browsers. */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

function redirectError(response: Response): KrosaiApiError {
  response.body?.cancel().catch(() => {});
  // No status: a redirect is no error status the caller could pass on.
  return new KrosaiApiError(
    'bad-response',
    'The server answered with a redirect; none is followed.',
    {
      code: REDIRECT_CODE,
    },
  );
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function httpError(response: Response, text: string): KrosaiApiError {
  const reason = reasonForStatus(response.status);
  const { detail, code } = readErrorBody(text);
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  return new KrosaiApiError(reason, detail ?? messageForReason(reason), {
    status: response.status,
    ...(detail === undefined ? {} : { detail }),
    ...(code === undefined ? {} : { code }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function parseJson(text: string, status: number): unknown {
  if (text.trim() === '') {
    throw new KrosaiApiError('bad-response', 'The server answered with an empty body.', { status });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new KrosaiApiError(
      'bad-response',
      'The server answered with something that is not JSON.',
      {
        status,
        cause: error,
      },
    );
  }
}

function abortedError(cause: unknown): KrosaiApiError {
  return new KrosaiApiError('aborted', messageForReason('aborted'), { cause });
}

const RETRYABLE_GET = new Set(['network', 'timeout', 'server', 'rate-limited']);

/** Milliseconds to wait before the next attempt, or undefined to give up now. */
function retryWait(
  settings: HttpSettings,
  request: JsonRequest,
  error: unknown,
  attempt: number,
): number | undefined {
  if (attempt >= settings.retries || !(error instanceof KrosaiApiError)) return undefined;
  const retryable =
    request.method === 'GET' ? RETRYABLE_GET.has(error.reason) : error.reason === 'rate-limited';
  if (!retryable) return undefined;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= settings.maxRetryDelayMs ? error.retryAfterMs : undefined;
  }
  return backoffDelay(attempt, settings.retryDelayMs, settings.maxRetryDelayMs);
}
