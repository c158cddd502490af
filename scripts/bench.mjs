// `npm run bench`: runs every bench/*.bench.ts module in headless Chromium and prints its tables.
// Vite's dev server compiles the TypeScript; each module exports `run(): Promise<BenchTable[]>`
// (bench/bench-table.ts). Add a benchmark by adding a module. Benchmarks print; they never assert.
// `npm run bench -- store` runs only the modules whose file name contains "store".
import { readdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

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

const server = await createServer({
  configFile: false,
  root: new URL('..', import.meta.url).pathname,
  logLevel: 'warn',
  server: { host: '127.0.0.1', port: 0, hmr: false },
  // Pre-bundle what the benchmarks import up front, so no reload happens mid-run.
  optimizeDeps: { entries: modules.map((file) => `bench/${file}`) },
});
await server.listen();
const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: CHROMIUM_ARGS,
});

let failed = false;
try {
  for (const file of modules) {
    const page = await browser.newPage();
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
}
process.exitCode = failed ? 1 : 0;
