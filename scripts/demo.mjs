// `npm run demo`: builds the bundle (the script-tag page loads it), starts the KrosAI emulator,
// and serves the demo pages with the demo site's backend route mounted at /api/krosai, so the
// pages use backend mode (session-url) and never see a key.
import { execFileSync } from 'node:child_process';
import { createServer } from 'vite';

const { startEmulator, DEFAULT_AGENT_ID } = await import('../emulator/index.ts');
const { createDemoBackend, DEMO_BACKEND_PATH } = await import('../demo/backend.ts');

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

const host = '127.0.0.1';
const emulator = await startEmulator({
  host,
  port: Number(process.env.EMULATOR_PORT ?? 0),
  // The real LiveKit Agents framework answers; loaded now, so the first call is as quick as later ones.
  warmUpAgent: true,
});
const backend = createDemoBackend({
  apiBase: emulator.url,
  apiKey: emulator.apiKey,
  agents: [DEFAULT_AGENT_ID],
  // A demo secret: a real site keeps its own in its environment.
  secret: process.env.KROSAI_HANDLE_SECRET ?? 'demo-only-handle-secret',
});

const server = await createServer({
  server: { port: Number(process.env.DEMO_PORT ?? 5173), host },
  logLevel: 'warn',
  plugins: [
    {
      name: 'krosai-demo-backend',
      configureServer: (vite) => void vite.middlewares.use(backend),
    },
  ],
});
await server.listen();
const url = `http://${host}:${server.config.server.port}/demo/`;
console.log(`
krosai-conversation demo: open ${url}
  backend route:  ${url.replace('/demo/', DEMO_BACKEND_PATH)}
  KrosAI emulator: ${emulator.url} (key ${emulator.apiKey}, agent ${DEFAULT_AGENT_ID})
(Ctrl+C stops it)`);

const stop = async () => {
  await Promise.allSettled([server.close(), emulator.stop()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
