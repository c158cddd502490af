import type { CallMode } from './conversation/call-machine.js';
import type { KrosaiError, KrosaiErrorReason } from './errors.js';
import type { MessageFeedback, StoredConversation, StoredMessage } from './store/types.js';
import type { AgentState, CallEndReason, CallState } from './voice/voice-session.js';

// Every event bubbles and crosses shadow roots, so a page can listen on the element or higher up.
const SHARED: EventInit = { bubbles: true, composed: true };

/** The visitor's first engagement created a conversation on the server. */
export class KrosaiConversationCreatedEvent extends Event {
  static readonly type = 'krosai-conversation-created';
  readonly conversation: StoredConversation;
  constructor(conversation: StoredConversation) {
    super(KrosaiConversationCreatedEvent.type, SHARED);
    this.conversation = conversation;
  }
}

/** The conversation on show changed: created, picked from history, followed from another tab, or cleared (`null`). */
export class KrosaiConversationChangedEvent extends Event {
  static readonly type = 'krosai-conversation-changed';
  readonly conversation: StoredConversation | null;
  constructor(conversation: StoredConversation | null) {
    super(KrosaiConversationChangedEvent.type, SHARED);
    this.conversation = conversation;
  }
}

/** A message became final: the visitor's or the agent's words, spoken or typed. */
export class KrosaiMessageEvent extends Event {
  static readonly type = 'krosai-message';
  readonly message: StoredMessage;
  /** `voice`: said in a voice call; `text`: typed, or answered in a text conversation. */
  readonly mode: CallMode;
  constructor(message: StoredMessage, mode: CallMode = 'voice') {
    super(KrosaiMessageEvent.type, SHARED);
    this.message = message;
    this.mode = mode;
  }
}

/** Interim transcript text, which the next update replaces. */
export class KrosaiTranscriptEvent extends Event {
  static readonly type = 'krosai-transcript';
  readonly message: StoredMessage;
  /** The mode of the call the words came in (see KrosaiMessageEvent). */
  readonly mode: CallMode;
  constructor(message: StoredMessage, mode: CallMode = 'voice') {
    super(KrosaiTranscriptEvent.type, SHARED);
    this.message = message;
    this.mode = mode;
  }
}

/**
 * The call moved to a new state, or switched mode in its room; when it `ended`, `reason` says why
 * (else undefined).
 */
export class KrosaiCallStateEvent extends Event {
  static readonly type = 'krosai-call-state';
  readonly state: CallState;
  readonly reason: CallEndReason | undefined;
  /** `voice` (the microphone is on) or `text` (typed, without the microphone). */
  readonly mode: CallMode;
  constructor(state: CallState, reason?: CallEndReason, mode: CallMode = 'voice') {
    super(KrosaiCallStateEvent.type, SHARED);
    this.state = state;
    this.reason = reason;
    this.mode = mode;
  }
}

/** The agent started listening, thinking or speaking. */
export class KrosaiAgentStateEvent extends Event {
  static readonly type = 'krosai-agent-state';
  readonly state: AgentState;
  constructor(state: AgentState) {
    super(KrosaiAgentStateEvent.type, SHARED);
    this.state = state;
  }
}

/** Something failed; `reason` says what, machine-readably. The widget shows its own message. */
export class KrosaiErrorEvent extends Event {
  static readonly type = 'krosai-error';
  readonly error: KrosaiError;
  readonly reason: KrosaiErrorReason;
  constructor(error: KrosaiError) {
    super(KrosaiErrorEvent.type, SHARED);
    this.error = error;
    this.reason = error.reason;
  }
}

/** The visitor is about to start a call; `preventDefault()` stops it (consent, paywall, …). */
export class KrosaiBeforeStartEvent extends Event {
  static readonly type = 'krosai-before-start';
  /** The conversation the call would continue, or `null` when a new one would be created. */
  readonly conversation: StoredConversation | null;
  /** `voice`, or `text`: the visitor typed and the room is joined without the microphone. */
  readonly mode: CallMode;
  constructor(conversation: StoredConversation | null, mode: CallMode = 'voice') {
    super(KrosaiBeforeStartEvent.type, { ...SHARED, cancelable: true });
    this.conversation = conversation;
    this.mode = mode;
  }
}

/**
 * What the visitor said about the conversation: a thumbs up or down on an agent message (`value`
 * `null` when taken back), or the end-of-call rating from 1 to 5.
 */
export type KrosaiFeedback =
  | {
      kind: 'message';
      conversationId: string;
      messageId: string;
      value: MessageFeedback | null;
      /** The message's text, for the site's analytics. */
      text: string;
    }
  | { kind: 'rating'; conversationId: string; rating: number };

/** The visitor gave feedback (stored with the message or conversation in their browser). */
export class KrosaiFeedbackEvent extends Event {
  static readonly type = 'krosai-feedback';
  readonly feedback: KrosaiFeedback;
  constructor(feedback: KrosaiFeedback) {
    super(KrosaiFeedbackEvent.type, SHARED);
    this.feedback = feedback;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'krosai-conversation-created': KrosaiConversationCreatedEvent;
    'krosai-conversation-changed': KrosaiConversationChangedEvent;
    'krosai-message': KrosaiMessageEvent;
    'krosai-transcript': KrosaiTranscriptEvent;
    'krosai-call-state': KrosaiCallStateEvent;
    'krosai-agent-state': KrosaiAgentStateEvent;
    'krosai-error': KrosaiErrorEvent;
    'krosai-before-start': KrosaiBeforeStartEvent;
    'krosai-feedback': KrosaiFeedbackEvent;
  }
}
