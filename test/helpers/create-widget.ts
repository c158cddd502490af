import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { emulatorInfo } from './emulator.js';

/**
 * The widget (dev mode, against the emulator) in a 420×600 box, as a page would; the box is not
 * yet in the document, so a caller can watch the shadow root from the first moment.
 */
export async function createWidget(namespace: string, agentId: string) {
  const { url, apiKey } = await emulatorInfo();
  const box = document.createElement('div');
  box.style.cssText = 'height: 600px; width: 420px';
  const el = document.createElement('krosai-conversation') as KrosaiConversation;
  for (const [name, value] of Object.entries({
    'agent-id': agentId,
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
