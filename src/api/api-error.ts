import { KrosaiError, type KrosaiErrorOptions, type KrosaiErrorReason } from '../errors.js';

/** The reasons an API call can fail with. */
export type ApiErrorReason = Extract<
  KrosaiErrorReason,
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'bad-response'
  | 'bad-request'
  | 'config'
>;

export interface KrosaiApiErrorOptions extends KrosaiErrorOptions {
  /** The server's machine-readable `code`, when it sent one. */
  code?: string;
  /** How long the server asked us to wait (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
}

/** A failed call to KrosAI or to the site's route: `reason`, HTTP `status`, the server's `detail`. */
export class KrosaiApiError extends KrosaiError {
  override readonly name: string = 'KrosaiApiError';
  declare readonly reason: ApiErrorReason;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(reason: ApiErrorReason, message: string, options: KrosaiApiErrorOptions = {}) {
    super(reason, message, options);
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The reason an HTTP error status stands for. */
export function reasonForStatus(status: number): ApiErrorReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'bad-request';
  // A redirect or informational status that fetch did not resolve is not what the API promises.
  return 'bad-response';
}

const MESSAGES: Record<ApiErrorReason, string> = {
  unauthorized: 'The credentials were refused.',
  forbidden: 'Not allowed.',
  'not-found': 'Not found.',
  'rate-limited': 'Too many requests.',
  server: 'The server failed.',
  network: 'The server could not be reached.',
  timeout: 'The server did not answer in time.',
  aborted: 'The operation was aborted.',
  'bad-response': 'The server answered something unexpected.',
  'bad-request': 'The request was refused as malformed.',
  config: 'The API client is not configured.',
};

/** A short, safe, human sentence for a reason (never the server's text). */
export function messageForReason(reason: ApiErrorReason): string {
  return MESSAGES[reason];
}

/** Longest server explanation we keep: enough to debug, too short to smuggle a page into logs. */
const MAX_DETAIL_LENGTH = 500;

/**
 * Reads the server's explanation from an error body: FastAPI's `{"detail": "..."}` (or its
 * validation list `{"detail": [{"msg": ...}]}`) and `{"error": "...", "code": "..."}`. Anything
 * else (an HTML error page, an empty body) gives no detail: we never pass markup along.
 */
export function readErrorBody(text: string): { detail?: string; code?: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const code = typeof record['code'] === 'string' ? record['code'] : undefined;
  const detail = detailText(record['detail']) ?? detailText(record['error']);
  return {
    ...(detail === undefined ? {} : { detail: detail.slice(0, MAX_DETAIL_LENGTH) }),
    ...(code === undefined ? {} : { code: code.slice(0, MAX_DETAIL_LENGTH) }),
  };
}

function detailText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const messages = value
      .map((item) =>
        typeof item === 'object' && item !== null ? (item as { msg?: unknown }).msg : item,
      )
      .filter((message): message is string => typeof message === 'string');
    return messages.length > 0 ? messages.join('; ') : undefined;
  }
  return undefined;
}
