// What the React tests (react-wrapper, react18-wrapper, react-ssr-hydration) share.
import { expect, waitUntil } from '@open-wc/testing';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { emulatorInfo } from '../helpers/emulator.js';
import { AGENT, shadow, uniqueNamespace } from './widget.js';

/** The component's props every React test starts from: the emulator, a fresh namespace, strings. */
export async function baseProps() {
  const { url, apiKey } = await emulatorInfo();
  return {
    agentId: AGENT,
    apiBase: url,
    apiKey,
    namespace: uniqueNamespace(),
    locale: 'en',
    strings: { startCall: 'Call us' },
  };
}

/** `strings` reached the element as a property: no `[object Object]` attribute, and it shows. */
export async function expectStringsProperty(el: KrosaiConversation) {
  expect(el.hasAttribute('strings'), 'no [object Object] attribute').to.equal(false);
  expect(el.strings).to.deep.equal({ startCall: 'Call us' });
  await waitUntil(() => shadow(el).querySelector('.call span')?.textContent === 'Call us');
}
