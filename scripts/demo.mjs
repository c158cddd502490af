// `npm run demo`: builds the bundle (the script-tag page loads it), then serves the demo pages.
import { execFileSync } from 'node:child_process';
import { createServer } from 'vite';

execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });

const port = Number(process.env.DEMO_PORT ?? 5173);
const server = await createServer({ server: { port, host: '127.0.0.1' }, logLevel: 'warn' });
await server.listen();
const url = `http://127.0.0.1:${server.config.server.port}/demo/`;
console.log(`\nkrosai-conversation demo: open ${url}\n(Ctrl+C stops it)`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
