import { KrosaiConversation } from './krosai-conversation.js';

export const TAG_NAME = 'krosai-conversation';

// A page may load the widget twice (two script tags, or the bundle plus an npm import):
// the second registration would throw, so define only once. The tag is written out (not
// TAG_NAME) so the Custom Elements Manifest analyzer can read it.
if (!customElements.get(TAG_NAME)) {
  customElements.define('krosai-conversation', KrosaiConversation);
}

export { KrosaiConversation };

declare global {
  interface HTMLElementTagNameMap {
    'krosai-conversation': KrosaiConversation;
  }
}
