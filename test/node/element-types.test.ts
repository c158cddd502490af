import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error: a plain ES module script without types.
import { callbackName, elementTypeFiles, staleElementTypes } from '../../scripts/element-types.mjs';

test('src/types/ is what the manifest generates (npm run types:elements)', () => {
  assert.deepEqual(staleElementTypes(), []);
});

test('every event of the manifest is typed for JSX, Vue and the React wrapper', () => {
  const shared: string = elementTypeFiles()['src/types/element.ts'];
  for (const event of ['krosai-message', 'krosai-call-state', 'krosai-error']) {
    assert.match(shared, new RegExp(`'on${event}'\\?: \\(event: Krosai\\w+Event\\) => void;`));
    assert.match(shared, new RegExp(`${callbackName(event)}: '${event}',`));
  }
  assert.equal(callbackName('krosai-call-state'), 'onCallState');
  assert.match(shared, /onKrosaiCallState\?: \(event: KrosaiCallStateEvent\) => void;/);
  assert.match(shared, /mode\?: ConversationMode;/);
  assert.match(shared, /strings\?: KrosaiStringOverrides;/);
});
