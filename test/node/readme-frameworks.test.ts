// The README's Frameworks section shows each test app exactly as framework-apps.test.ts checks it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const ROOT = new URL('../../', import.meta.url);
const APPS = [
  'react/app.tsx',
  'react/krosai.d.ts',
  'preact/app.tsx',
  'preact/krosai.d.ts',
  'vue/App.vue',
  'vue/krosai.d.ts',
  'svelte/App.svelte',
  'svelte/krosai.d.ts',
  'next/app/page.js',
  'next/app/api/krosai/[...path]/route.js',
];

test('every framework snippet in the README is a test app, verbatim', () => {
  const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
  const section = readme.slice(readme.indexOf('## Frameworks'), readme.indexOf('## The element'));
  for (const app of APPS) {
    const text = readFileSync(new URL(`test/apps/${app}`, ROOT), 'utf8').trimEnd();
    assert.ok(section.includes(`\n${text}\n\`\`\``), `README's Frameworks section shows ${app}`);
  }
});
