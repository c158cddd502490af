// Public API. Importing this module registers nothing; import `krosai-conversation/define`
// (or load dist/krosai-conversation.js) to register the <krosai-conversation> tag.

export type { LayoutMode, PersistMode, ThemeMode } from './config/resolve-config.js';
export type { KrosaiErrorReason } from './errors.js';
export { KrosaiError } from './errors.js';
export {
  KrosaiAgentStateEvent,
  KrosaiBeforeStartEvent,
  KrosaiCallStateEvent,
  KrosaiConversationChangedEvent,
  KrosaiConversationCreatedEvent,
  KrosaiErrorEvent,
  KrosaiMessageEvent,
  KrosaiTranscriptEvent,
} from './events.js';
export type { KrosaiStringOverrides, KrosaiStrings } from './i18n/strings.js';
export { KrosaiConversation } from './krosai-conversation.js';
export type { StoredConversation, StoredMessage } from './store/types.js';
export type { MessageRenderer } from './templates/message.js';
export type {
  AgentState,
  CallState,
  VoiceSession,
  VoiceSessionEvent,
  VoiceSessionFactory,
} from './voice/voice-session.js';
