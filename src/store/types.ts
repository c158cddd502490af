import type { ConversationMessage } from '../api/types.js';

/** A conversation as the visitor's browser remembers it. Times are epoch milliseconds. */
export interface StoredConversation {
  id: string;
  /** Keeps two widgets, or two sites' widgets, on one origin apart. */
  namespace: string;
  agentId: string;
  title: string;
  /** The server's status as last seen (`active`, `completed`, …). */
  status: string;
  createdAt: number;
  updatedAt: number;
  /** Backend mode: the ownership handle the site's route issued. */
  handle?: string;
  /** Whether this is the conversation the widget shows for its agent on the next page view. */
  current: boolean;
  /** The visitor's end-of-call rating, 1 to 5 (added in issue 14; older records have none). */
  rating?: number;
}

/** The visitor's thumbs up or down on an agent message. */
export type MessageFeedback = 'up' | 'down';

export type StoredMessageRole = 'user' | 'assistant' | 'system';

export interface StoredMessage {
  /** Server id for server messages; `live:<segmentId>` (or a local id) for live ones. */
  id: string;
  conversationId: string;
  role: StoredMessageRole;
  text: string;
  createdAt: number;
  /** Interim text may still change; final text is frozen. */
  state: 'interim' | 'final';
  /** `live`: from the voice session or typed locally; `server`: from the server's transcript. */
  origin: 'live' | 'server';
  /** The `lk.segment_id` of a live transcript segment. */
  segmentId?: string;
  /** The visitor's thumbs up or down, on agent messages (older records have none). */
  feedback?: MessageFeedback;
}

/** One update of a live transcript segment: interim updates replace, final freezes. */
export interface LiveSegment {
  conversationId: string;
  segmentId: string;
  role: 'user' | 'assistant';
  text: string;
  final: boolean;
  createdAt: number;
}

/**
 * What changed, for this tab's listeners and, through BroadcastChannel, other tabs'. Changes carry
 * the new records so a listener can patch what it shows instead of reloading everything.
 */
export type StoreChange =
  | {
      type: 'conversation';
      conversationId: string;
      /** The conversation as now stored. */
      conversation?: StoredConversation;
    }
  | {
      type: 'messages';
      conversationId: string;
      /** Messages added or updated, as now stored. */
      messages?: StoredMessage[];
      /** Ids of messages removed (replaced by server messages, or pruned by retention). */
      removedIds?: string[];
    }
  | { type: 'deleted'; conversationId: string }
  | { type: 'cleared'; namespace: string | null };

export interface RetentionPolicy {
  /** Most conversations kept per namespace (oldest pruned first). */
  maxConversations: number;
  /** Most messages kept per conversation (oldest pruned first). */
  maxMessagesPerConversation: number;
}

/** A message's place in message order: by time, then by id (see `compareMessages` in rules.ts). */
export interface MessagePosition {
  createdAt: number;
  id: string;
}

export interface MessagePageOptions {
  /** The most messages to return, the newest ones (default 100). */
  limit?: number;
  /**
   * Only messages before this place: an older page, given the oldest message already read. Without
   * it, the page ends with the conversation's newest message.
   */
  before?: MessagePosition;
}

export interface MessagePage {
  /** The newest `limit` messages (before `before`, when given), oldest first. */
  messages: StoredMessage[];
  /** Whether older messages remain before this page (ask again with `before: messages[0]`). */
  hasOlder: boolean;
}

/** A conversation at a glance: its length and how it began. */
export interface ConversationSummary {
  /** Messages stored for it, the visitor's and the agent's. */
  count: number;
  /** Its oldest visible message, if any. */
  first?: StoredMessage;
}

/**
 * The visitor's history. Two implementations: IndexedDB (durable, shared across tabs) and
 * in-memory (the fallback when IndexedDB is missing, refused or broken).
 */
export interface ConversationStore {
  currentConversation(namespace: string, agentId: string): Promise<StoredConversation | undefined>;
  /** The visitor's conversations in a namespace, newest first. */
  listConversations(namespace: string): Promise<StoredConversation[]>;
  getConversation(id: string): Promise<StoredConversation | undefined>;
  /** Inserts or updates; `current: true` clears the flag on the namespace's other ones for the agent. */
  putConversation(conversation: StoredConversation): Promise<void>;

  /**
   * A page of a conversation's messages, oldest first: the newest `limit`, or with `before` the
   * `limit` just before that place. Read in bulk: the cost grows with the page, not the history.
   */
  messages(conversationId: string, options?: MessagePageOptions): Promise<MessagePage>;
  /** How many messages a conversation holds and its first visible one (the history view's line). */
  summary(conversationId: string): Promise<ConversationSummary>;
  /** Adds a message typed by the visitor or otherwise known locally. */
  addMessage(message: StoredMessage): Promise<void>;
  /**
   * Streams a live transcript update in. Resolves with the message as it now stands once the update
   * is accepted and this tab's listeners are told; the write is batched with others (one
   * transaction per ~100 ms, on `flush()`, or when the page is hidden or left). If the database
   * turns out to hold the utterance already (a server message), a correcting change follows.
   */
  upsertSegment(segment: LiveSegment): Promise<StoredMessage>;
  /** Merges the server's transcript: server messages replace the live ones they match. */
  reconcile(conversationId: string, serverMessages: ConversationMessage[]): Promise<void>;

  /** Clears a namespace, or everything when none is given. */
  clear(namespace?: string): Promise<void>;
  /** Writes every batched update now (also done on `pagehide`). */
  flush(): Promise<void>;
  /** Listens to changes from this tab and from others. Returns the unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void;
  close(): void;
}
