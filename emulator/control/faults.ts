import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpError } from '../rest/http.js';

/**
 * A failure to inject into the next `count` calls of one route (its pattern, e.g.
 * `GET /v1/conversations/:id`). With only `delayMs` the call then proceeds normally; with
 * `status` and/or `body` that response replaces the real one; `drop` closes the connection.
 */
export interface Fault {
  route: string;
  count: number;
  status?: number;
  delayMs?: number;
  /** Sent as is: truncated JSON, an HTML error page, an empty string… */
  body?: string;
  headers?: Record<string, string>;
  drop?: boolean;
}

/** Pending faults, consumed in the order they were added. */
export class FaultBook {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** Takes one use of the first pending fault for this route, if any. */
  take(route: string): Fault | undefined {
    const fault = this.faults.find((f) => f.route === route);
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }
}

/** Validates a `POST /control/faults` body; `knownRoutes` catches typos in the route name. */
export function parseFault(body: Record<string, unknown>, knownRoutes: string[]): Fault {
  const { route, count = 1, status, delayMs, body: rawBody, headers, drop } = body;
  if (typeof route !== 'string' || !knownRoutes.includes(route)) {
    throw new HttpError(400, `Field 'route' must be one of: ${knownRoutes.join(', ')}`);
  }
  if (!Number.isInteger(count) || (count as number) < 1) {
    throw new HttpError(400, "Field 'count' must be a positive integer");
  }
  if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 100)) {
    throw new HttpError(400, "Field 'status' must be an HTTP status code");
  }
  if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0)) {
    throw new HttpError(400, "Field 'delayMs' must be a non-negative number");
  }
  if (rawBody !== undefined && typeof rawBody !== 'string') {
    throw new HttpError(400, "Field 'body' must be a string (sent as is)");
  }
  if (headers !== undefined && !isStringRecord(headers)) {
    throw new HttpError(400, "Field 'headers' must be an object of strings");
  }
  return {
    route,
    count: count as number,
    status: status as number | undefined,
    delayMs: delayMs as number | undefined,
    body: rawBody as string | undefined,
    headers: headers as Record<string, string> | undefined,
    drop: drop === true,
  };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

/** Applies a fault; resolves true when it answered (or dropped) the request itself. */
export async function applyFault(fault: Fault, res: ServerResponse): Promise<boolean> {
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.drop) {
    // Bytes that are not HTTP, then a close: a plain reset would be silently retried by the
    // browser on a reused keep-alive connection, hiding the failure from the page.
    res.socket?.end('\0\r\n\r\n');
    return true;
  }
  if (fault.status === undefined && fault.body === undefined) return false;
  if (res.destroyed) return true;
  const body = fault.body ?? JSON.stringify({ detail: 'Injected fault' });
  res.writeHead(fault.status ?? 200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...fault.headers,
  });
  res.end(body);
  return true;
}
