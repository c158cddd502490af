import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';

/** A stable, non-secret account id for an API key: `created_by` must never echo the key itself. */
export function accountIdFor(apiKey: string): string {
  return `acct_${createHash('sha256').update(apiKey).digest('hex').slice(0, 12)}`;
}

/** The key from `Authorization: Bearer <key>` or `X-API-Key: <key>`, as KrosAI accepts both. */
function presentedKey(req: IncomingMessage): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1].trim();
  }
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
}

/** Returns the caller's account id, or throws 401 for a missing or unknown key. */
export function authenticate(req: IncomingMessage, accounts: Map<string, string>): string {
  const key = presentedKey(req);
  if (!key) throw new HttpError(401, 'Not authenticated: missing API key');
  const account = accounts.get(key);
  if (!account) throw new HttpError(401, 'Invalid API key');
  return account;
}
