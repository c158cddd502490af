// Keeps the README's promise honest: runs `npm run demo` as a newcomer would, opens the page it
// prints in Chromium (fake microphone), talks to the demo agent through the backend route and the
// emulator, and checks the script-tag page too. Fails on any page error or console error.
import { spawn } from 'node:child_process';
import { launchChromium } from './chromium.mjs';
import { verdict, watchedPage } from './page-check.mjs';

const demo = spawn('npm', ['run', 'demo'], {
  detached: true,
  env: { ...process.env, DEMO_PORT: process.env.DEMO_PORT ?? '5199' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stopDemo = () => {
  try {
    process.kill(-demo.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
};
process.on('exit', stopDemo);

const pageUrl = await new Promise((resolve, reject) => {
  let output = '';
  const timer = setTimeout(() => reject(new Error(`no URL from npm run demo:\n${output}`)), 90_000);
  demo.stdout.on('data', (chunk) => {
    output += chunk;
    const match = output.match(/open (http:\/\/\S+)/);
    if (match) {
      clearTimeout(timer);
      resolve(match[1]);
    }
  });
  demo.on('exit', (code) => reject(new Error(`npm run demo exited with ${code}:\n${output}`)));
});
console.log(`npm run demo serves ${pageUrl}`);

const failures = [];
const browser = await launchChromium();
try {
  const page = await watchedPage(browser, failures);

  await page.goto(pageUrl);
  const widget = page.locator('krosai-conversation').first();
  await widget.locator('[part~="mic-button"]').click();
  const greeting = widget.locator('[part~="message-agent"]').first();
  await greeting.waitFor({ timeout: 30_000 });
  console.log(
    `demo page: the agent answered the call: "${(await greeting.textContent())?.trim()}"`,
  );
  await widget.locator('[part~="mic-button"]').click();

  await page.goto(new URL('script-tag.html', pageUrl).href);
  await page.locator('krosai-conversation [part~="mic-button"]').waitFor({ timeout: 15_000 });
  console.log('script-tag page: the bundle renders the widget');
} catch (error) {
  failures.push(`flow: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await browser.close();
  stopDemo();
}

verdict('Demo', failures, 'Demo check passed.');
process.exit(0);
