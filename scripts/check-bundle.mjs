// After `npm run build`: proves the script-tag bundle works in a plain HTML page with no bundler,
// loaded twice, and that livekit-client and the Markdown parser stay out of the initial script.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { verdict, watchedPage } from './page-check.mjs';
import { serveWorkingDirectory } from './static-server.mjs';

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
// A string only marked's code contains: the parser is loaded with the first agent message.
const MARKED_MARKER = 'Please report this to https://github.com/markedjs/marked';
if (initial.includes(MARKED_MARKER)) failures.push(`${INITIAL} contains the Markdown parser`);
if (
  !chunks.some((name) => readFileSync(join('dist/chunks', name), 'utf8').includes(MARKED_MARKER))
) {
  failures.push('no lazy chunk contains the Markdown parser');
}
console.log(`livekit-client found in lazy chunks: ${voiceChunks.join(', ')}`);

const server = await serveWorkingDirectory();
const browser = await launchChromium();
try {
  const page = await watchedPage(browser, failures);
  await page.goto(`${server.origin}/demo/script-tag.html`);
  const heading = await page.waitForFunction(
    () =>
      document.querySelector('krosai-conversation')?.shadowRoot?.querySelector('h2')?.textContent,
  );
  console.log(`script-tag page renders the element, heading: "${await heading.jsonValue()}"`);
} finally {
  await browser.close();
  server.close();
}

verdict('Bundle', failures, 'Bundle check passed.');
