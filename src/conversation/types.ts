import type { KrosaiApi } from '../api/types.js';
import type { ConversationConfig } from '../config/resolve-config.js';
import type { KrosaiError } from '../errors.js';
import type { ConversationStore, StoredConversation, StoredMessage } from '../store/types.js';
import type { VoiceSessionFactory } from '../voice/voice-session.js';
import type { CallMachineChange, CallMode } from './call-machine.js';

/** How a conversation session reaches the outside world; the element passes the real ones, tests stubs. */
export interface ConversationDependencies {
  createApi(config: ConversationConfig): KrosaiApi;
  openStore(
    config: ConversationConfig,
    onWarning: (error: KrosaiError) => void,
  ): Promise<ConversationStore>;
  loadVoiceSession: VoiceSessionFactory;
  /** The Web Lock that keeps one call per conversation across tabs, when available. */
  callLockName?(conversationId: string): string;
  /** How long a quiet text conversation keeps its room (default TEXT_IDLE_MS, call.ts). */
  textIdleMs?: number;
}

/**
 * What a conversation session tells its owner. `update` asks for a render; every other event is
 * news the page hears as a `krosai-*` event (the controller is the one that dispatches them).
 */
export type ConversationEvent =
  | { type: 'update' }
  | { type: 'conversation-created'; conversation: StoredConversation }
  | { type: 'conversation-changed'; conversation: StoredConversation | null }
  /** A message became final; `mode`: spoken in a voice call, or typed and answered in text. */
  | { type: 'message'; message: StoredMessage; mode: CallMode }
  /** Interim transcript text. */
  | { type: 'transcript'; message: StoredMessage; mode: CallMode }
  | CallMachineChange
  | { type: 'error'; error: KrosaiError };

export interface ConversationSessionOptions {
  config: ConversationConfig;
  deps: ConversationDependencies;
  /** Hears every event while the session is open, and nothing once it is closed. */
  onEvent: (event: ConversationEvent) => void;
  /** Asked before a call starts, with the conversation it would continue; false vetoes it. */
  mayStart: (conversation: StoredConversation | null, mode: CallMode) => boolean;
  /**
   * Asked before a call starts, before `mayStart`: resolves false when the visitor declined the
   * site's terms (see consent.ts). Absent: no consent step.
   */
  consent?: () => Promise<boolean>;
  /** Starts over with a fresh session (the retry of a failed load). */
  restart: () => Promise<void>;
}
