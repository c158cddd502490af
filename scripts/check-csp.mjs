// `node --import tsx scripts/check-csp.mjs`, after `npm run build`: serves demo/csp.html (strict
// CSP, Trusted Types enforced) with the demo backend route and the KrosAI emulator, drives it in
// Chromium (real livekit-client, fake microphone) through a whole call, and fails on any CSP or
// Trusted Types violation, page error or console error.
import { existsSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';
import { verdict, watchedPage } from './page-check.mjs';
import { serveWorkingDirectory } from './static-server.mjs';

const { startEmulator, DEFAULT_AGENT_ID } = await import('../emulator/index.ts');
const { createDemoBackend } = await import('../demo/backend.ts');

if (!existsSync('dist/krosai-conversation.js')) {
  console.error('Run `npm run build` first: demo/csp.html loads dist/krosai-conversation.js.');
  process.exit(1);
}

// The agent loaded up front, as in the demo: a cold framework on a busy machine can take longer
// than livekit-client's 10 s wait for an agent to send the pre-connect buffer to.
const emulator = await startEmulator({ host: '127.0.0.1', port: 0, warmUpAgent: true });
const backend = createDemoBackend({
  apiBase: emulator.url,
  apiKey: emulator.apiKey,
  agents: [DEFAULT_AGENT_ID],
  secret: 'csp-check-secret',
});

const server = await serveWorkingDirectory(backend);

const failures = [];
const browser = await launchChromium();
try {
  const page = await watchedPage(browser, failures);
  // Report violations the console might word differently, from inside the page.
  await page.exposeFunction('reportViolation', (text) => failures.push(`violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      window.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI}`),
    );
  });
  await page.goto(`${server.origin}/demo/csp.html`);

  const widget = page.locator('krosai-conversation');
  await widget.locator('[part~="mic-button"]').click();
  await page.locator('#event-log li', { hasText: 'krosai-call-state: connected' }).waitFor({
    timeout: 30_000,
  });
  console.log('CSP page: the call connected with the real livekit-client');
  // The emulator's agent greets first; typed text then goes out over the call.
  await page.locator('#event-log li', { hasText: 'krosai-message: assistant' }).first().waitFor({
    timeout: 30_000,
  });
  await widget.locator('[part~="composer-input"]').fill('Hello under a strict policy');
  await widget.locator('[part~="composer-input"]').press('Enter');
  await widget
    .locator('[part~="message-user"]', { hasText: 'Hello under a strict policy' })
    .waitFor({ timeout: 15_000 });
  await widget.locator('[part~="mic-button"]').click();
  await page.locator('#event-log li', { hasText: 'krosai-call-state: ended' }).waitFor();
  console.log('CSP page: greeting received, text sent, call ended');
} catch (error) {
  failures.push(`flow: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await browser.close();
  server.close();
  await emulator.stop();
}

verdict('CSP', failures, 'CSP check passed: no violations, no errors.');
