import type { ReactiveControllerHost } from 'lit';
import type { KrosaiApi } from '../api/types.js';
import type { ConversationConfig } from '../config/resolve-config.js';
import type { KrosaiError } from '../errors.js';
import type { ConversationStore } from '../store/types.js';
import type { VoiceSessionFactory } from '../voice/voice-session.js';
import type { ErrorState } from './error-state.js';
import type { Run } from './run.js';
import type { ShownConversation } from './shown-conversation.js';
import type { VoiceCall } from './voice-call.js';

/**
 * What the parts of the conversation lifecycle (server sync, store changes, the call, history)
 * work with: the run they belong to, and the state the element renders, which outlives runs.
 */
export interface ConversationContext {
  readonly host: ReactiveControllerHost & EventTarget;
  readonly run: Run;
  readonly shown: ShownConversation;
  readonly call: VoiceCall;
  readonly errors: ErrorState;
  /** The Web Lock that keeps one call per conversation across tabs, when available. */
  readonly callLockName?: (conversationId: string) => string;
}

/** How the controller reaches the outside world; the element passes the real ones, tests too. */
export interface ConversationDependencies {
  createApi(config: ConversationConfig): KrosaiApi;
  openStore(
    config: ConversationConfig,
    onWarning: (error: KrosaiError) => void,
  ): Promise<ConversationStore>;
  loadVoiceSession: VoiceSessionFactory;
  /** The Web Lock that keeps one call per conversation across tabs, when available. */
  callLockName?(conversationId: string): string;
}
