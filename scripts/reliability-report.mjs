// `npm run test:faults`: runs the fault and hostile-input matrix (Node and Chromium) and writes
// docs/RELIABILITY.md from what the runners report: every case and its result. Exits non-zero
// when a case failed, so a red matrix is never a green report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** The matrix, by area: [heading, what it attacks, files]. */
const AREAS = [
  [
    'Backend route: hostile upstreams',
    'redirects, odd statuses, endless answers, bad messages, origins, rate limit, methods',
    'node',
    ['test/node/server-hardening.test.ts'],
  ],
  [
    'Backend route: hostile requests',
    'handles, ids, methods, bodies, agents, CRLF',
    'node',
    ['test/node/server-matrix.test.ts'],
  ],
  [
    "Backend route: KrosAI's failures",
    'statuses, timeouts, garbage, unreachable',
    'node',
    ['test/node/server.test.ts'],
  ],
  [
    'Link finder (Node)',
    'pathological inputs for backtracking',
    'node',
    ['test/node/links.test.ts'],
  ],
  [
    'Link finder (JavaScriptCore)',
    'the same cases in Safari’s engine',
    'jsc',
    ['test/links/jsc-entry.ts'],
  ],
  [
    'Stored records',
    'IndexedDB, sessionStorage, BroadcastChannel',
    'browser',
    ['test/store/hostile-records.test.ts', 'test/element/hostile-storage.test.ts'],
  ],
  [
    'Storage failures',
    'IndexedDB missing, refused, throwing, full, broken or closed mid-session',
    'browser',
    ['test/store/fallback.test.ts', 'test/element/storage.test.ts'],
  ],
  [
    'Voice faults with the real agents framework',
    'dropped WebSockets, an expired token, a kick, the agent leaving or never joining, the microphone taken away, autoplay blocked, a frozen tab',
    'browser',
    ['test/e2e/voice-faults.test.ts'],
  ],
  [
    'Voice faults with the scripted agent',
    'dropped and lost connections, kicks, expired tokens, late or absent agents, offline networks, hang-ups mid-connect, full rejoins',
    'browser',
    [
      'test/e2e/widget-recovery.test.ts',
      'test/e2e/widget-offline.test.ts',
      'test/e2e/widget-interrupt.test.ts',
    ],
  ],
  [
    'Page faults',
    '100 detach/re-attach cycles measured, 1,000 rapid clicks, moved and removed mid-call, two widgets',
    'browser',
    ['test/e2e/page-faults.test.ts', 'test/e2e/text-mode-widgets.test.ts'],
  ],
  [
    'Content',
    'hostile text round trips, long messages',
    'browser',
    ['test/element/content-roundtrip.test.ts', 'test/element/long-messages.test.ts'],
  ],
  [
    'Property-based: backend route',
    'fast-check: any upstream status, headers and body (JSON of any shape, hostile keys, truncated, HTML)',
    'node',
    ['test/node/route-properties.test.ts'],
  ],
  [
    'Property-based: stored records',
    'fast-check: any value, TemplateResult-shaped ones above all, through the record checks',
    'node',
    ['test/node/record-properties.test.ts'],
  ],
  [
    'Property-based: store and renderer',
    'fast-check: random hostile histories in IndexedDB and transcript updates, rendered by the widget',
    'browser',
    ['test/element/hostile-properties.test.ts'],
  ],
  [
    'Page: hostile configuration',
    'string overrides, text properties and a message renderer that are not what they should be',
    'browser',
    ['test/element/hostile-config.test.ts'],
  ],
  [
    'XSS corpus',
    'every field that reaches the screen, with a trap',
    'browser',
    ['test/element/xss.test.ts'],
  ],
];

const work = mkdtempSync(join(tmpdir(), 'reliability-'));
const rows = new Map();
let failed = 0;

function read(file) {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

for (const [heading, , runner, files] of AREAS) {
  if (runner === 'jsc') {
    // One row: the jsc run checks its cases itself and fails as a whole.
    const jsc = spawnSync(process.execPath, ['scripts/check-links-jsc.mjs'], { encoding: 'utf8' });
    const summary = /jsc: \d+ passed, \d+ failed/.exec(jsc.stdout)?.[0] ?? 'jsc did not run';
    const passed = jsc.status === 0;
    failed += passed ? 0 : 1;
    rows.set(heading, [
      { file: files[0], suites: [], name: `every link case (${summary})`, passed },
    ]);
    continue;
  }
  const out = join(work, `${rows.size}.jsonl`);
  const run =
    runner === 'node'
      ? spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            '--test',
            '--test-reporter=./scripts/reliability/node-reporter.mjs',
            `--test-reporter-destination=${out}`,
            '--test-reporter=dot',
            '--test-reporter-destination=stderr',
            ...files,
          ],
          { stdio: ['ignore', 'inherit', 'inherit'] },
        )
      : spawnSync('npx', ['web-test-runner', '--config', 'scripts/reliability/wtr.config.mjs'], {
          stdio: 'inherit',
          env: { ...process.env, RELIABILITY_FILES: files.join(' '), RELIABILITY_OUT: out },
        });
  const results = read(out);
  if (run.status !== 0 && results.every((result) => result.passed)) {
    results.push({
      file: files.join(', '),
      suites: [],
      name: `the runner exited ${run.status}`,
      passed: false,
    });
  }
  for (const result of results.filter((each) => !each.passed)) {
    console.error(
      `FAILED ${result.file} › ${result.name}${result.error ? `\n  ${result.error}` : ''}`,
    );
  }
  failed += results.filter((result) => !result.passed).length;
  rows.set(heading, results);
}
rmSync(work, { recursive: true, force: true });

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const lines = [
  '# Reliability: the fault and hostile-input matrix',
  '',
  "Generated by `npm run test:faults` (scripts/reliability-report.mjs) from the test runners' own",
  'results; do not edit by hand. Every case also runs in `npm test`.',
  '',
];
let total = 0;
for (const [heading, attacks, , files] of AREAS) {
  const results = rows.get(heading) ?? [];
  total += results.length;
  const passedHere = results.filter((result) => result.passed).length;
  lines.push(
    `## ${heading}`,
    '',
    `${attacks}. ${passedHere} of ${results.length} cases hold (${files.join(', ')}).`,
    '',
    '| case | result |',
    '| --- | --- |',
  );
  for (const result of results) {
    const name = [...result.suites.filter(Boolean), result.name].join(' › ');
    lines.push(`| ${cell(name)} | ${result.passed ? 'holds' : '**FAILS**'} |`);
  }
  lines.push('');
}
lines.splice(5, 0, `${total - failed} of ${total} cases hold.`, '');
writeFileSync('docs/RELIABILITY.md', `${lines.join('\n')}\n`);
console.log(
  `docs/RELIABILITY.md: ${total - failed} of ${total} cases hold (${relative('.', 'docs/RELIABILITY.md')})`,
);
process.exit(failed === 0 ? 0 : 1);
