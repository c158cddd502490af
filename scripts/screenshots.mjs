// `node --import tsx scripts/screenshots.mjs`: the README's screenshots of the phone sheet, the
// agent's visualiser, feedback and the transcript export, taken from the demo pages (built bundle, backend mode, the emulator's real
// framework agent) in headless Chromium. Writes docs/images/*.png.
import { execFileSync } from 'node:child_process';
import { createServer } from 'vite';
import { launchChromium } from './chromium.mjs';

const { startEmulator, DEFAULT_AGENT_ID } = await import('../emulator/index.ts');
const { createDemoBackend } = await import('../demo/backend.ts');

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const host = '127.0.0.1';
const emulator = await startEmulator({ host, port: 0, warmUpAgent: true });
const backend = createDemoBackend({
  apiBase: emulator.url,
  apiKey: emulator.apiKey,
  agents: [DEFAULT_AGENT_ID],
  secret: 'screenshots-only-handle-secret',
});
const server = await createServer({
  server: { port: 0, host },
  logLevel: 'warn',
  plugins: [{ name: 'backend', configureServer: (vite) => void vite.middlewares.use(backend) }],
});
await server.listen();
const origin = `http://${host}:${server.httpServer.address().port}`;
const browser = await launchChromium();

try {
  // A phone, by touch: the launcher's panel as a full-screen sheet.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 1,
  });
  const page = await phone.newPage();
  await page.goto(`${origin}/demo/script-tag.html`);
  await page.evaluate(() => {
    document.querySelector('krosai-conversation').setAttribute('layout', 'launcher');
  });
  await page.locator('krosai-conversation [part~="launcher"]').tap();
  await page.locator('krosai-conversation .panel.sheet').waitFor();
  await page.screenshot({ path: 'docs/images/phone-sheet.png' });
  await phone.close();

  // A call with the agent speaking: its voice moves the bars beside its state.
  const desktop = await browser.newContext({ viewport: { width: 900, height: 760 } });
  const call = await desktop.newPage();
  await call.goto(`${origin}/demo/script-tag.html`);
  await call.locator('krosai-conversation [part~="mic-button"]').click();
  await call.waitForFunction(
    () => {
      const root = document.querySelector('krosai-conversation')?.shadowRoot;
      const bars = [...(root?.querySelectorAll('[part~="visualiser-bar"]') ?? [])];
      return bars.some((bar) => Number(bar.style.getPropertyValue('--_level')) > 0.4);
    },
    undefined,
    { timeout: 60_000, polling: 16 },
  );
  await call.locator('krosai-conversation [part~="panel"]').screenshot({
    path: 'docs/images/visualiser.png',
  });

  // Feedback and transcript export, on the call just made: hung up, the agent's final words with
  // their thumbs and the rating; then the history view with each conversation's details, its
  // ways to go on and its download button.
  const widget = call.locator('krosai-conversation');
  await widget.evaluate((el) => el.setAttribute('feedback', ''));
  await widget.locator('[part~="hangup-button"]').click();
  await widget.locator('[part~="feedback"]').first().waitFor({ timeout: 60_000 });
  await widget.locator('[part~="rating"]').waitFor({ timeout: 30_000 });
  await widget.locator('[part~="panel"]').screenshot({ path: 'docs/images/feedback.png' });
  await widget.locator('[part~="history-button"]').click();
  await widget.locator('[part~="history-details"]').first().waitFor();
  await widget.locator('[part~="history-download-button"]').first().focus();
  await widget.locator('[part~="panel"]').screenshot({ path: 'docs/images/export.png' });
  await desktop.close();
  console.log('Wrote docs/images/{phone-sheet,visualiser,feedback,export}.png');
} finally {
  await browser.close();
  await server.close();
  await emulator.stop();
}
