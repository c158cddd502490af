// The checks' file server: serves the working directory on 127.0.0.1 at a free port, after an
// optional connect-style middleware (e.g. the demo backend route) has passed on the request.
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function serveFile(req, res) {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  const file = join(process.cwd(), path);
  if (!file.startsWith(process.cwd()) || !existsSync(file)) {
    // No favicon ships: a quiet 204 keeps the browser's request for one out of the console errors.
    res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

/** Starts the server; resolves to its origin (`http://127.0.0.1:<port>`) and a `close()`. */
export async function serveWorkingDirectory(middleware) {
  const server = createServer((req, res) =>
    middleware ? middleware(req, res, () => serveFile(req, res)) : serveFile(req, res),
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
