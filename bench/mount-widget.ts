import type { KrosaiConversation } from '../src/krosai-conversation.js';
import { emulatorInfo } from '../test/helpers/emulator.js';
import { AGENT } from './seed-conversation.js';

/** The widget (dev mode, against the emulator) in a 420×600 box, as a page would; not yet added. */
export async function createWidget(namespace: string) {
  const { url, apiKey } = await emulatorInfo();
  const box = document.createElement('div');
  box.style.cssText = 'height: 600px; width: 420px';
  const el = document.createElement('krosai-conversation') as KrosaiConversation;
  for (const [name, value] of Object.entries({
    'agent-id': AGENT,
    'api-base': url,
    'api-key': apiKey,
    namespace,
    locale: 'en',
  })) {
    el.setAttribute(name, value);
  }
  box.append(el);
  return { el, box };
}
