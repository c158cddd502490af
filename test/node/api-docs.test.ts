import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error: a plain ES module script without types.
import { apiTables, elementManifest, readmeIsCurrent } from '../../scripts/api-docs.mjs';

test('the README API tables are the ones the manifest generates (npm run docs:api)', () => {
  assert.equal(readmeIsCurrent(), true);
});

test('the manifest describes the element alone, with a class for every event', () => {
  const manifest = elementManifest();
  const declarations = manifest.modules.flatMap(
    (module: { declarations?: Array<{ customElement?: boolean; events?: unknown[] }> }) =>
      module.declarations ?? [],
  );
  const elements = declarations.filter((d: { customElement?: boolean }) => d.customElement);
  assert.equal(elements.length, 1);
  const events = elements[0].events as Array<{ name: string; type?: { text: string } }>;
  assert.ok(events.length >= 8);
  for (const event of events) assert.match(event.type?.text ?? '', /^Krosai\w+Event$/, event.name);
  assert.match(apiTables(manifest), /:state\(connected\)|:state\(idle\)/);
});
