// Public API. Importing this module registers nothing; import `krosai-conversation/define`
// (or load dist/krosai-conversation.js) to register the <krosai-conversation> tag.
export { KrosaiConversation } from './krosai-conversation.js';
