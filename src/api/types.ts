/** What the widget knows of a KrosAI conversation, after validation (camelCase, parsed dates). */
export interface Conversation {
  id: string;
  agentId: string;
  title: string;
  /** `active`, `completed`, `archived`, or a value KrosAI adds later: anything but `active` is over. */
  status: string;
  createdAt: Date | null;
  updatedAt: Date | null;
  /** LiveKit room details; present on create and on get while the conversation is active. */
  roomName?: string;
  roomUrl?: string;
  token?: string;
  /** Backend mode only: the signed ownership proof the site's route issued at creation. */
  handle?: string;
}

export type MessageRole = 'system' | 'user' | 'assistant';

export interface ConversationMessage {
  id: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  createdAt: Date | null;
}

export interface VoiceCredentials {
  roomName: string;
  roomUrl: string;
  token: string;
}

/** Identifies a conversation to the API; backend mode needs the handle to prove ownership. */
export interface ConversationRef {
  id: string;
  handle?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds. */
  timeoutMs?: number;
}

/**
 * The KrosAI operations the widget needs, in either mode: backend (`session-url`, production)
 * or dev (`api-key` straight to KrosAI). Every method rejects with a KrosaiApiError.
 */
export interface KrosaiApi {
  createConversation(
    input: { agentId: string; title?: string },
    options?: CallOptions,
  ): Promise<Conversation>;
  /** Fetches the conversation; for an active one KrosAI re-issues the LiveKit token. */
  getConversation(ref: ConversationRef, options?: CallOptions): Promise<Conversation>;
  /** The transcript, oldest first. */
  getMessages(ref: ConversationRef, options?: CallOptions): Promise<ConversationMessage[]>;
}

/**
 * The route's own client to KrosAI (src/server/): the widget's operations and the voice room
 * without a conversation that the route still serves. The widget never asks for that room.
 */
export interface KrosaiServerApi extends KrosaiApi {
  /** A voice room without a conversation (so without a transcript afterwards). */
  startVoiceSession(agentId: string, options?: CallOptions): Promise<VoiceCredentials>;
}
