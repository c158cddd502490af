// The package as a user gets it: built, packed with `npm pack`, the tarball unpacked into
// test/apps/node_modules/, then every entry point imported in Node (no DOM), the element
// server-rendered by Lit SSR and the wrapper by React, and small React 18, React 19, Preact, Vue
// and Svelte apps type-checked against it. Each app has a negative file whose marked lines must
// fail, and nothing else may: a type that decayed to `any` fails the test.
// The frameworks and their checkers resolve from the repository's own node_modules.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { installPacked, ok, ROOT, run } from './packed.js';

const APPS = join(ROOT, 'test/apps');
const INSTALLED = join(APPS, 'node_modules/krosai-conversation');
const BIN = join(ROOT, 'node_modules/.bin');

/** `file:line` of every line a negative file marks as one that must not type-check. */
function expectedErrors(dir: string): string[] {
  const expected: string[] = [];
  for (const file of readdirSync(join(APPS, dir)).filter((f) => /^negative\./i.test(f))) {
    const lines = readFileSync(join(APPS, dir, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.includes('// expect-error')) expected.push(`${file}:${index + 1}`);
      const listed = /expect-error: ([\d, ]+)/.exec(line);
      for (const n of listed?.[1].split(',') ?? []) expected.push(`${file}:${Number(n)}`);
    });
  }
  assert.ok(expected.length >= 3, `${dir} has a negative file`);
  return expected.sort();
}

/** `file:line` of every error in tsc / vue-tsc output (`file(line,col): error TS…`). */
const tscErrors = (output: string) =>
  [...output.matchAll(/^([^\s(]+)\((\d+),\d+\): error TS\d+/gm)].map((m) => `${m[1]}:${m[2]}`);

/** `file:line` of every error in svelte-check's machine output. */
const svelteErrors = (output: string) =>
  [...output.matchAll(/ ERROR "([^"]+)" (\d+):\d+ /g)].map((m) => `${m[1]}:${m[2]}`);

function assertOnlyExpected(dir: string, found: string[], output: string) {
  assert.deepEqual([...new Set(found)].sort(), expectedErrors(dir), output);
}

before(() => installPacked(APPS));

describe('the packed package in Node, without a DOM', () => {
  test('every entry point imports', () => {
    const manifest = JSON.parse(readFileSync(join(INSTALLED, 'package.json'), 'utf8'));
    const entries = Object.keys(manifest.exports).filter((key) => !key.endsWith('.json'));
    assert.ok(entries.includes('./bundle') && entries.includes('./react'));
    for (const entry of entries) {
      const specifier = `krosai-conversation${entry.slice(1)}`;
      const output = ok(
        process.execPath,
        ['--input-type=module', '-e', `await import('${specifier}'); console.log('imported')`],
        APPS,
      );
      assert.match(output, /imported/, specifier);
    }
  });

  test('Lit SSR renders the element without a locale', () => {
    const script = `
      import { render } from '@lit-labs/ssr';
      import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
      import { html } from 'lit';
      import 'krosai-conversation/define';
      const out = await collectResult(render(html\`<krosai-conversation agent-id="a" session-url="/api/krosai"></krosai-conversation>\`));
      console.log(out);`;
    const output = ok(process.execPath, ['--input-type=module', '-e', script], APPS);
    assert.match(output, /<krosai-conversation[^>]* agent-id="a"/);
    assert.match(output, /<template shadowroot(mode)?="open"/);
  });

  test('React renders the wrapper on the server, props and callbacks left for hydration', () => {
    const script = `
      import { createElement } from 'react';
      import { renderToString } from 'react-dom/server';
      import { KrosaiConversation } from 'krosai-conversation/react';
      console.log(renderToString(createElement(KrosaiConversation, {
        agentId: 'a', strings: { startCall: 'Call us' }, onMessage: () => {}, className: 'chat',
      })));`;
    const output = ok(process.execPath, ['--input-type=module', '-e', script], APPS);
    assert.match(output, /<krosai-conversation class="chat"/);
    assert.doesNotMatch(output, /\[object Object\]|onMessage|function/);
  });
});

describe('apps type-check against the packed types, and wrong props fail', () => {
  for (const version of ['react19', 'react18']) {
    test(`React ${version.slice(5)}: the wrapper and the element in TSX`, () => {
      const { output } = run(
        join(BIN, 'tsc'),
        ['-p', `tsconfig.${version}.json`],
        join(APPS, 'react'),
      );
      assertOnlyExpected('react', tscErrors(output), output);
    });
  }

  test('Preact: the element in JSX', () => {
    const { output } = run(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], join(APPS, 'preact'));
    assertOnlyExpected('preact', tscErrors(output), output);
  });

  test('Vue: vue-tsc with strictTemplates', () => {
    const { output } = run(join(BIN, 'vue-tsc'), ['-p', 'tsconfig.json'], join(APPS, 'vue'));
    assertOnlyExpected('vue', tscErrors(output), output);
  });

  test('Svelte: svelte-check', () => {
    const { output } = run(
      join(BIN, 'svelte-check'),
      ['--tsconfig', './tsconfig.json', '--output', 'machine'],
      join(APPS, 'svelte'),
    );
    assert.match(output, /COMPLETED \d+ FILES/);
    assertOnlyExpected('svelte', svelteErrors(output), output);
  });
});
