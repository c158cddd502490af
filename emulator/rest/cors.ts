import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Lets a page on any other localhost origin call the emulator (dev mode, the test runner's page).
 * The origin is echoed rather than `*` so credentialed requests work too.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('access-control-allow-origin', origin ?? '*');
  res.setHeader('vary', 'Origin');
  if (origin) res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('access-control-expose-headers', 'content-type, content-length, retry-after');
}

/** Answers a CORS preflight for any path. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  res.setHeader(
    'access-control-allow-headers',
    req.headers['access-control-request-headers'] ?? 'authorization, x-api-key, content-type',
  );
  res.setHeader('access-control-max-age', '600');
  // Chromium's Private Network Access asks before a public page may call loopback.
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('access-control-allow-private-network', 'true');
  }
  res.writeHead(204);
  res.end();
}
