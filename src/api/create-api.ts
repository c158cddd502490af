import { KrosaiApiError } from './api-error.js';
import { createBackendApi } from './backend-api.js';
import { warnIfKeyInPublicPage } from './dev-warning.js';
import { type AuthHeader, createDirectApi, DEFAULT_API_BASE } from './direct-api.js';
import type { HttpSettings } from './request.js';
import type { KrosaiApi } from './types.js';

export interface ApiConfig {
  /** Backend mode (production): the site's route, mounted with createKrosaiHandler. Wins over apiKey. */
  sessionUrl?: string;
  /** Dev mode: KrosAI's secret key, straight from the page. Warns outside localhost. */
  apiKey?: string;
  /** Dev mode: KrosAI's origin; default https://api.krosai.com. */
  apiBase?: string;
  /** Dev mode: `Authorization: Bearer <key>` (default) or `X-API-Key: <key>`. */
  authHeader?: AuthHeader;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
  /** Per-attempt timeout in milliseconds; default 15 000. */
  timeoutMs?: number;
  /** Retries after a failed attempt (GETs; POSTs on 429 only); default 3. */
  retries?: number;
  /** First backoff delay in milliseconds, doubled on each retry; default 300. */
  retryDelayMs?: number;
  /** Longest wait between attempts, `Retry-After` included; default 8 000. */
  maxRetryDelayMs?: number;
}

/** Builds the API client for the mode the configuration asks for. */
export function createKrosaiApi(config: ApiConfig): KrosaiApi {
  const http: HttpSettings = {
    // Bound, so that calling it as a method of our settings object is not an illegal invocation.
    fetch: config.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: config.timeoutMs ?? 15_000,
    retries: config.retries ?? 3,
    retryDelayMs: config.retryDelayMs ?? 300,
    maxRetryDelayMs: config.maxRetryDelayMs ?? 8_000,
    bypassCache: true,
  };
  if (config.sessionUrl) return createBackendApi({ ...http, sessionUrl: config.sessionUrl });
  if (config.apiKey) {
    warnIfKeyInPublicPage();
    return createDirectApi({
      ...http,
      apiKey: config.apiKey,
      apiBase: config.apiBase || DEFAULT_API_BASE,
      authHeader: config.authHeader ?? 'authorization',
    });
  }
  throw new KrosaiApiError(
    'config',
    'Set session-url (your backend route) or, on localhost, api-key to reach KrosAI.',
  );
}
