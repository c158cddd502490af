import { expect } from '@open-wc/testing';
import type { ApiErrorReason } from '../../src/api/api-error.js';
import { KrosaiApiError } from '../../src/api/api-error.js';
import { type ApiConfig, createKrosaiApi } from '../../src/api/create-api.js';
import { createDirectApi } from '../../src/api/direct-api.js';
import { createKrosaiHandler } from '../../src/server/index.js';
import { control, createConversation, emulatorInfo } from '../helpers/emulator.js';

export const AGENT = 'agent_demo';
/** Small waits between retries: the tests check what is retried, not how long it takes. */
const QUICK_RETRIES: ApiConfig = { retryDelayMs: 5, maxRetryDelayMs: 2_000 };

/** Dev mode: the page talks to the emulator (KrosAI) with the key. */
export async function devApi(config: ApiConfig = {}) {
  const { url, apiKey } = await emulatorInfo();
  return createKrosaiApi({ apiKey, apiBase: url, ...QUICK_RETRIES, ...config });
}

/** The route's own client to KrosAI (what src/server/ uses), for what only the route asks. */
export async function routeClient() {
  const { url, apiKey } = await emulatorInfo();
  return createDirectApi({
    apiKey,
    apiBase: url,
    authHeader: 'authorization',
    fetch: globalThis.fetch.bind(globalThis),
    timeoutMs: 15_000,
    retries: 0,
    retryDelayMs: 5,
    maxRetryDelayMs: 2_000,
    bypassCache: true,
  });
}

export const SESSION_URL = '/api/krosai';

/**
 * A fetch that hands each request to the real route handler running in this page (it is pure
 * Fetch API), which calls the emulator with the key: the seam backend mode is tested through.
 */
export async function intoRouteHandler(
  route: { secret?: string; apiKey?: string } = {},
): Promise<typeof fetch> {
  const info = await emulatorInfo();
  const handler = createKrosaiHandler({
    apiKey: route.apiKey ?? info.apiKey,
    apiBase: info.url,
    agents: [AGENT],
    secret: route.secret ?? 'the page test secret, long enough',
  });
  return (input, init) => handler(new Request(new URL(String(input), location.href), init));
}

/** Backend mode: the client talks to `session-url`, the route, which talks to KrosAI. */
export async function backendApi(
  config: ApiConfig = {},
  route: { secret?: string; apiKey?: string } = {},
) {
  const fetch = await intoRouteHandler(route);
  return createKrosaiApi({ sessionUrl: SESSION_URL, fetch, ...QUICK_RETRIES, ...config });
}

/** A conversation made outside the client under test, so faults hit only the call tested. */
export async function existingConversationId(): Promise<string> {
  return (await createConversation()).id;
}

/** Injects a fault into the emulator's next `count` calls of `route` (e.g. `GET /v1/conversations/:id`). */
export function fault(route: string, fields: Record<string, unknown>) {
  return control('/control/faults', { route, ...fields });
}

export async function pendingFaults(): Promise<{ route: string; count: number }[]> {
  return control('/control/faults', undefined, 'GET');
}

/** Awaits a rejection and checks it is a KrosaiApiError with this reason; returns it. */
export async function expectApiError(
  promise: Promise<unknown>,
  reason: ApiErrorReason,
): Promise<KrosaiApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(KrosaiApiError);
    expect((error as KrosaiApiError).reason).to.equal(reason);
    return error as KrosaiApiError;
  }
  throw new Error(`expected a KrosaiApiError with reason ${reason}, but it resolved`);
}
