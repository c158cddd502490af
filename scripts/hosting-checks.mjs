// The script-tag bundle hosted the ways real sites host it, in Chromium (README, "Hosting"):
// from another origin (a "CDN", with or without CORS), with a query string on the script URL,
// without the chunks/ folder, with tampered chunks under an import map's `integrity`, and through
// the classic loader. Used by `npm run check:hosting` (on dist/) and test/node/hosting.test.ts.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { launchChromium } from './chromium.mjs';

/**
 * The "CDN": serves `dist` on its own origin. `cors` sends Access-Control-Allow-Origin, `chunks`
 * false answers 404 for chunks/ (not uploaded), `tamper` changes every chunk's bytes.
 */
async function serveDist(dist) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const [, mode, ...rest] = url.pathname.split('/');
    const options = new Set(mode.split('+'));
    const path = normalize(`/${rest.join('/')}`);
    const file = join(dist, path);
    const headers = { 'content-type': 'text/javascript', 'cache-control': 'no-store' };
    if (options.has('cors')) headers['access-control-allow-origin'] = '*';
    if (!existsSync(file) || (options.has('nochunks') && path.startsWith('/chunks/'))) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, headers);
    if (options.has('tamper') && path.startsWith('/chunks/')) {
      res.end(`${readFileSync(file, 'utf8')}\n;globalThis.tampered = true;\n`);
    } else createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** The site: serves each case's page, and counts what reaches its fake KrosAI API. */
async function serveSite() {
  const pages = new Map();
  const apiCalls = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/v1/')) {
      apiCalls.push(`${req.method} ${path}`);
      res.writeHead(500, { 'access-control-allow-origin': '*' }).end();
      return;
    }
    const page = pages.get(path);
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html' }).end(page ?? '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, pages, apiCalls, close: () => server.close() };
}

const widget = (api, locale) =>
  `<krosai-conversation agent-id="agent_demo" api-key="dev-key" api-base="${api}" locale="${locale}" persist="none"></krosai-conversation>`;

/** The page's listener for krosai-error, installed before the widget loads. */
const ERRORS = `<script>window.krosaiErrors = []; addEventListener('krosai-error', (e) => krosaiErrors.push(e.reason), true);</script>`;

/** Runs every case against `dist`; resolves to the failures (empty when all pass). */
export async function checkHosting(dist) {
  const integrity = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8')).integrity;
  const voiceChunk = Object.keys(integrity).find((file) => file.includes('livekit-voice-session'));
  const cdn = await serveDist(dist);
  const site = await serveSite();
  const browser = await launchChromium();
  const failures = [];
  const check = (ok, message) => ok || failures.push(message);

  async function open(name, html, expectConsole = /$^/) {
    site.pages.set(`/${name}`, `<!doctype html><html lang="en"><body>${html}</body></html>`);
    const page = await browser.newPage();
    const consoleErrors = [];
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    page.on('pageerror', (error) => failures.push(`${name}: page error ${error.message}`));
    const expected = page.waitForEvent('console', (msg) => expectConsole.test(msg.text()));
    expected.catch(() => undefined);
    await page.goto(`${site.origin}/${name}`);
    return { page, consoleErrors, expected };
  }
  const defined = (page) => page.waitForFunction(() => customElements.get('krosai-conversation'));
  /** Starts a call; resolves to its result and the krosai-error reasons so far. */
  const start = (page) =>
    page.evaluate(async () => {
      const started = await document.querySelector('krosai-conversation').start();
      const el = document.querySelector('krosai-conversation');
      await el.updateComplete;
      const error = el.shadowRoot.querySelector('[part~="error"] p')?.textContent ?? '';
      return { started, errors: window.krosaiErrors, error };
    });

  try {
    {
      // WordPress: ?ver=6.4.2 on the tag; the voice chunk must reuse this very module.
      const src = `${cdn.origin}/cors/krosai-conversation.js?ver=6.4.2`;
      const { page } = await open('query', `<script type="module" src="${src}"></script>`);
      await defined(page);
      const fetched = await page.evaluate(async (chunk) => {
        const module = await import(chunk);
        const entries = performance.getEntriesByType('resource').map((entry) => entry.name);
        return {
          entry: entries.filter((name) =>
            new URL(name).pathname.endsWith('/krosai-conversation.js'),
          ),
          factory: typeof module.createLiveKitVoiceSession,
        };
      }, `${cdn.origin}/cors/${voiceChunk}`);
      check(
        fetched.factory === 'function',
        `query: the voice chunk did not load (${fetched.factory})`,
      );
      check(
        fetched.entry.length === 1,
        `query: the main module was fetched ${fetched.entry.length} times: ${fetched.entry.join(', ')}`,
      );
    }
    {
      // Only krosai-conversation.js uploaded: the French strings and the voice code are missing.
      const src = `${cdn.origin}/cors+nochunks/krosai-conversation.js`;
      const html = `${ERRORS}${widget(site.origin, 'fr')}<script type="module" src="${src}"></script>`;
      const { page } = await open('no-chunks', html);
      await defined(page);
      await page.waitForFunction(() => window.krosaiErrors.includes('load-failed'));
      const { started, errors, error } = await start(page);
      check(started === false, 'no-chunks: the call started without its code');
      check(
        errors.filter((reason) => reason === 'load-failed').length === 2,
        `no-chunks: expected load-failed for the strings and the voice code, got ${errors}`,
      );
      check(/could not be loaded/.test(error), `no-chunks: the visitor read "${error}"`);
      check(site.apiCalls.length === 0, `no-chunks: the API was called: ${site.apiCalls}`);
    }
    {
      // SRI: an import map with every chunk's integrity, and a CDN that changed the chunks.
      const base = `${cdn.origin}/cors+tamper/`;
      const map = { integrity: {} };
      for (const [file, hash] of Object.entries(integrity)) map.integrity[base + file] = hash;
      const html = `<script type="importmap">${JSON.stringify(map)}</script>${ERRORS}${widget(site.origin, 'de')}<script type="module" crossorigin="anonymous" integrity="${integrity['krosai-conversation.js']}" src="${base}krosai-conversation.js"></script>`;
      const { page } = await open('integrity', html);
      await defined(page);
      await page.waitForFunction(() => window.krosaiErrors.includes('load-failed'));
      const { started, errors } = await start(page);
      check(started === false, 'integrity: the call started with a tampered voice chunk');
      check(
        errors.filter((reason) => reason === 'load-failed').length === 2,
        `integrity: expected load-failed for the strings and the voice code, got ${errors}`,
      );
      check(!(await page.evaluate(() => window.tampered)), 'integrity: a tampered chunk ran');
    }
    {
      // A CMS that only takes a classic <script src>: the loader, with SRI on the loader.
      const html = `${ERRORS}${widget(site.origin, 'es')}<script src="${cdn.origin}/cors/loader.js" crossorigin="anonymous" integrity="${integrity['loader.js']}"></script>`;
      const { page, consoleErrors } = await open('classic', html);
      await defined(page);
      await page.waitForFunction(() =>
        document.querySelector('krosai-conversation').shadowRoot.textContent.includes('Habla'),
      );
      const loaded = await page.evaluate(
        (chunk) => import(chunk).then((module) => typeof module.createLiveKitVoiceSession),
        `${cdn.origin}/cors/${voiceChunk}`,
      );
      check(loaded === 'function', `classic: the voice chunk did not load (${loaded})`);
      check(consoleErrors.length === 0, `classic: console errors ${consoleErrors}`);
    }
    {
      // A CDN without CORS headers: a module script from it cannot run; the loader says why.
      const html = `<script src="${cdn.origin}/plain/loader.js"></script>`;
      const { consoleErrors, expected } = await open('no-cors', html, /needs CORS/);
      await expected;
      check(
        consoleErrors.some((text) => text.includes('README, "Hosting"')),
        `no-cors: no clear console message: ${consoleErrors}`,
      );
    }
  } finally {
    await browser.close();
    cdn.close();
    site.close();
  }
  return failures;
}
