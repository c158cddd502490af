/**
 * Every failure the widget reports carries a machine-readable `reason`; the UI and the
 * `krosai-error` event branch on it, never on message text.
 */
export type KrosaiErrorReason =
  /** The key or the backend refused the credentials (401). */
  | 'unauthorized'
  /** Not allowed: another visitor's conversation, or an agent the site does not offer (403). */
  | 'forbidden'
  /** The conversation or agent does not exist (404). */
  | 'not-found'
  /** Too many requests (429). */
  | 'rate-limited'
  /** The server failed (5xx). */
  | 'server'
  /** The request was malformed (400). */
  | 'bad-request'
  /** The network is down or the server unreachable. */
  | 'network'
  /** The server did not answer in time. */
  | 'timeout'
  /** The caller aborted the operation. */
  | 'aborted'
  /** The server answered something that is not what the API promises. */
  | 'bad-response'
  /** The visitor or the browser refused the microphone. */
  | 'mic-denied'
  /** There is no microphone. */
  | 'mic-missing'
  /** The microphone is in use by another program. */
  | 'mic-busy'
  /** The voice token expired or was rejected, even after one refresh. */
  | 'token-expired'
  /** The agent did not join the call in time. */
  | 'agent-unavailable'
  /** The voice connection was lost and could not be recovered. */
  | 'connection-lost'
  /** The call is live in another tab. */
  | 'call-elsewhere'
  /** IndexedDB is missing, refused or failed; history is kept in memory only. */
  | 'storage-unavailable'
  /** IndexedDB is full even after pruning old conversations. */
  | 'storage-full'
  /** One of the widget's own files (a lazy chunk) could not be fetched or was blocked. */
  | 'load-failed'
  /** The widget is missing configuration (no agent id, no session URL or key). */
  | 'config'
  /** Anything else. */
  | 'unknown';

export interface KrosaiErrorOptions {
  status?: number;
  /** The server's own explanation (`detail`, or `error`/`code`), safe to log. */
  detail?: string;
  cause?: unknown;
}

export class KrosaiError extends Error {
  override readonly name: string = 'KrosaiError';
  readonly reason: KrosaiErrorReason;
  readonly status: number | undefined;
  readonly detail: string | undefined;

  constructor(reason: KrosaiErrorReason, message: string, options: KrosaiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.status = options.status;
    this.detail = options.detail;
  }
}

/** Wraps anything thrown into a KrosaiError, keeping the original as `cause`. */
export function toKrosaiError(
  error: unknown,
  fallback: KrosaiErrorReason = 'unknown',
): KrosaiError {
  if (error instanceof KrosaiError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new KrosaiError('aborted', 'The operation was aborted.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new KrosaiError(fallback, message, { cause: error });
}
