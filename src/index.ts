// Public API. Importing this module registers nothing; import `krosai-conversation/define`
// (or load dist/krosai-conversation.js) to register the <krosai-conversation> tag.

export { type ApiErrorReason, KrosaiApiError } from './api/api-error.js';
export type {
  ConversationMode,
  LayoutMode,
  PersistMode,
  ThemeMode,
} from './config/resolve-config.js';
export type { CallMode } from './conversation/call-machine.js';
export type { TranscriptFormat } from './conversation/transcript.js';
export type { KrosaiErrorReason } from './errors.js';
export { KrosaiError } from './errors.js';
export {
  KrosaiAgentStateEvent,
  KrosaiBeforeStartEvent,
  KrosaiCallStateEvent,
  KrosaiConversationChangedEvent,
  KrosaiConversationCreatedEvent,
  KrosaiErrorEvent,
  type KrosaiFeedback,
  KrosaiFeedbackEvent,
  KrosaiMessageEvent,
  KrosaiTranscriptEvent,
} from './events.js';
export type { ExplainedEndReason, KrosaiStringOverrides, KrosaiStrings } from './i18n/strings.js';
export { KrosaiConversation } from './krosai-conversation.js';
export type {
  MessageFeedback,
  StoredConversation,
  StoredMessage,
  StoredMessageRole,
} from './store/types.js';
export type { MessageRenderer } from './templates/message.js';
// The voice session is the element's extension point (`voiceSessionFactory`): every type its
// interface names is exported with it.
export type { KrosaiLogLevel } from './voice/log-level.js';
export type {
  AgentState,
  CallEndReason,
  CallState,
  TranscriptUpdate,
  VoiceConnectOptions,
  VoiceSession,
  VoiceSessionEvent,
  VoiceSessionFactory,
  VoiceSessionOptions,
} from './voice/voice-session.js';
