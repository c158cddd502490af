// `npm run size`: gzip size of the initial script and of each lazy chunk, against size-budget.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));
if (!existsSync(budget.initial.file)) {
  console.error(`${budget.initial.file} is missing: run npm run build first.`);
  process.exit(1);
}

const chunkLimit = (name) => {
  const limits = budget.chunks.maxGzipBytes;
  const key = Object.keys(limits).find((prefix) => prefix !== '*' && name.startsWith(prefix));
  return limits[key ?? '*'];
};

const rows = [{ file: budget.initial.file, kind: 'initial', limit: budget.initial.maxGzipBytes }];
if (existsSync(budget.chunks.dir)) {
  for (const name of readdirSync(budget.chunks.dir)
    .filter((n) => n.endsWith('.js'))
    .sort()) {
    rows.push({ file: join(budget.chunks.dir, name), kind: 'lazy', limit: chunkLimit(name) });
  }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
let over = 0;
const table = rows.map(({ file, kind, limit }) => {
  const raw = readFileSync(file);
  const gzip = gzipSync(raw, { level: 9 }).length;
  const ok = gzip <= limit;
  if (!ok) over++;
  return {
    file,
    kind,
    raw: kb(raw.length),
    gzip: kb(gzip),
    budget: kb(limit),
    ok: ok ? 'yes' : 'OVER',
  };
});
console.table(table);
if (over) {
  console.error(`${over} file(s) over their gzip budget in size-budget.json.`);
  process.exit(1);
}
