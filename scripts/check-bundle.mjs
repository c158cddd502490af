// After `npm run build`: proves the script-tag bundle works in a plain HTML page with no bundler,
// loaded twice, and that livekit-client stays out of the initial script.
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const INITIAL = 'dist/krosai-conversation.js';
// Strings only livekit-client's code contains (class names are minified away, these survive).
const LIVEKIT_MARKERS = ['participantAttributesChanged', 'NegotiationError'];
const hasLivekit = (code) => LIVEKIT_MARKERS.some((marker) => code.includes(marker));

const failures = [];
const initial = readFileSync(INITIAL, 'utf8');
if (hasLivekit(initial)) failures.push(`${INITIAL} contains livekit-client code`);
// Self-contained: the initial script may reach other files only through import().
if (/(?:^|[;\s])import\s*[\w{*][^;]*?from\s*["'`]|^import\s*["'`]/m.test(initial)) {
  failures.push(`${INITIAL} has a static import: it must be one self-contained module`);
}
const chunks = existsSync('dist/chunks')
  ? readdirSync('dist/chunks').filter((n) => n.endsWith('.js'))
  : [];
const voiceChunks = chunks.filter((name) =>
  hasLivekit(readFileSync(join('dist/chunks', name), 'utf8')),
);
if (voiceChunks.length === 0) failures.push('no lazy chunk contains livekit-client');
console.log(`livekit-client found in lazy chunks: ${voiceChunks.join(', ')}`);

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  const file = join(process.cwd(), path);
  if (!file.startsWith(process.cwd()) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('console', (msg) => msg.type() === 'error' && failures.push(`console: ${msg.text()}`));
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${port}/demo/script-tag.html`);
  const heading = await page.waitForFunction(
    () =>
      document.querySelector('krosai-conversation')?.shadowRoot?.querySelector('h2')?.textContent,
  );
  console.log(`script-tag page renders the element, heading: "${await heading.jsonValue()}"`);
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  console.error(`Bundle check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('Bundle check passed.');
