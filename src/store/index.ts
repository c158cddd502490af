// The conversation history: open it with openConversationStore; everything else is its types.
export { DEFAULT_DB_NAME, type OpenStoreOptions, openConversationStore } from './open-store.js';
export { DEFAULT_RETENTION } from './retention.js';
export type * from './types.js';
