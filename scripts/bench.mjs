// `npm run bench`: runs every bench/*.bench.ts module in headless Chromium and prints its tables.
// Vite's dev server compiles the TypeScript; each module exports `run(): Promise<BenchTable[]>`
// (bench/bench-table.ts). Add a benchmark by adding a module. Benchmarks print; they never assert.
// `npm run bench -- store` runs only the modules whose file name contains "store".
// The KrosAI emulator runs in this process (hence `node --import tsx`); pages find it at
// `GET /__emulator.json`, as in the tests, so bench modules can use test/helpers/emulator.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { createServer } from 'vite';
import { launchChromium } from './chromium.mjs';

const filters = process.argv.slice(2);
const modules = readdirSync(new URL('../bench/', import.meta.url))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (modules.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ')}.`);
  process.exit(1);
}

function printTable({ title, rows, notes = [] }) {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const cells = rows.map((row) => columns.map((column) => String(row[column] ?? '')));
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...cells.map((line) => line[i].length)),
  );
  // Text columns align left, numbers right.
  const numeric = columns.map((_, i) => cells.every((line) => /^-?[\d.,]+$/.test(line[i])));
  const format = (line) =>
    line
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ');
  console.log(format(columns));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of cells) console.log(format(line));
  for (const note of notes) console.log(`  ${note}`);
}

// The Lit+idb floor of bench/peers.bench.ts, bundled and minified as dist/ is.
await esbuild({
  entryPoints: [new URL('../bench/floor/floor-element.ts', import.meta.url).pathname],
  outfile: new URL('../bench/.build/floor.js', import.meta.url).pathname,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
});

const { startEmulator } = await import('../emulator/index.ts');
const emulator = await startEmulator({ port: 0 });
const emulatorJson = JSON.stringify({
  url: emulator.url,
  apiKey: emulator.apiKey,
  extraApiKeys: emulator.extraApiKeys,
});

/** Serves the emulator's address to the pages, as scripts/emulator-plugin.mjs does for tests. */
const root = new URL('..', import.meta.url).pathname;
const emulatorInfoPlugin = {
  name: 'krosai-emulator-info',
  configureServer(devServer) {
    devServer.middlewares.use('/__emulator.json', (_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.setHeader('cache-control', 'no-store');
      response.end(emulatorJson);
    });
    // The gzip size (level 9, as npm run size) of a file as it is on disk, not as the dev server
    // serves it: `GET /__gzip-bytes?path=/dist/krosai-conversation.js` (bench/peers.bench.ts).
    devServer.middlewares.use('/__gzip-bytes', (request, response) => {
      const path = new URL(request.url ?? '', 'http://x').searchParams.get('path') ?? '';
      const file = new URL(`..${path}`, import.meta.url);
      response.setHeader('content-type', 'application/json');
      if (path.includes('..') || !file.pathname.startsWith(root)) {
        response.statusCode = 400;
        response.end('null');
        return;
      }
      response.end(JSON.stringify(gzipSync(readFileSync(file), { level: 9 }).length));
    });
  },
};

const server = await createServer({
  configFile: false,
  root: new URL('..', import.meta.url).pathname,
  logLevel: 'warn',
  plugins: [emulatorInfoPlugin],
  server: { host: '127.0.0.1', port: 0, hmr: false },
  // Pre-bundle what the benchmarks import up front, so no reload happens mid-run.
  optimizeDeps: { entries: modules.map((file) => `bench/${file}`) },
});
await server.listen();
const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
// Exact performance.memory figures (not bucketed), and gc() so memory is read after a collection.
const browser = await launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc']);

let failed = false;
try {
  for (const file of modules) {
    const page = await browser.newPage();
    // BENCH_DEBUG=1 forwards the page's console (progress, widget warnings).
    if (process.env.BENCH_DEBUG) page.on('console', (m) => console.log(`[${file}] ${m.text()}`));
    page.on('pageerror', (error) => console.error(`[${file}] ${error.message}`));
    await page.goto(`${origin}/bench/index.html`);
    console.log(`\n== bench/${file}`);
    try {
      const tables = await page.evaluate(async (path) => {
        const module = await import(path);
        return module.run();
      }, `/bench/${file}`);
      for (const table of tables) printTable(table);
    } catch (error) {
      failed = true;
      console.error(`bench/${file} failed: ${error instanceof Error ? error.message : error}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await emulator.stop();
}
process.exitCode = failed ? 1 : 0;
