import { randomUUID } from 'node:crypto';

export type ConversationStatus = 'active' | 'completed' | 'archived';
export type MessageRole = 'system' | 'user' | 'assistant';

/** A conversation as the emulator stores it (KrosAI field names; the token is minted per call). */
export interface StoredConversation {
  id: string;
  agent_id: string;
  title: string;
  created_at: string;
  updated_at: string;
  /** The account (derived from the API key) that created it; other accounts get 403. */
  created_by: string;
  status: ConversationStatus | string;
  room_name: string;
}

export interface StoredMessage {
  id: string;
  conversation_id: string;
  role: MessageRole;
  content: string;
  created_at: string;
}

/** What `--data FILE` holds. */
export interface StateSnapshot {
  conversations: StoredConversation[];
  messages: StoredMessage[];
}

/** Every conversation and message, in memory; `onChange` lets persistence follow each mutation. */
export class EmulatorState {
  private readonly conversations = new Map<string, StoredConversation>();
  private readonly messages = new Map<string, StoredMessage[]>();

  constructor(private readonly onChange: () => void = () => {}) {}

  createConversation(fields: {
    agentId: string;
    title: string;
    createdBy: string;
    systemPrompt: string;
  }): StoredConversation {
    const id = randomUUID();
    const now = new Date().toISOString();
    const conversation: StoredConversation = {
      id,
      agent_id: fields.agentId,
      title: fields.title,
      created_at: now,
      updated_at: now,
      created_by: fields.createdBy,
      status: 'active',
      room_name: `conv_${id}`,
    };
    this.conversations.set(id, conversation);
    this.messages.set(id, []);
    this.addMessage(id, 'system', fields.systemPrompt);
    return conversation;
  }

  getConversation(id: string): StoredConversation | undefined {
    return this.conversations.get(id);
  }

  findByRoom(roomName: string): StoredConversation | undefined {
    for (const conversation of this.conversations.values()) {
      if (conversation.room_name === roomName) return conversation;
    }
    return undefined;
  }

  listConversations(createdBy: string): StoredConversation[] {
    return [...this.conversations.values()].filter((c) => c.created_by === createdBy);
  }

  setStatus(id: string, status: string): StoredConversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    conversation.status = status;
    conversation.updated_at = new Date().toISOString();
    this.onChange();
    return conversation;
  }

  addMessage(
    conversationId: string,
    role: MessageRole,
    content: string,
  ): StoredMessage | undefined {
    const conversation = this.conversations.get(conversationId);
    const list = this.messages.get(conversationId);
    if (!conversation || !list) return undefined;
    const message: StoredMessage = {
      id: randomUUID(),
      conversation_id: conversationId,
      role,
      content,
      created_at: new Date().toISOString(),
    };
    list.push(message);
    conversation.updated_at = message.created_at;
    this.onChange();
    return message;
  }

  listMessages(conversationId: string): StoredMessage[] {
    return [...(this.messages.get(conversationId) ?? [])];
  }

  clear(): void {
    this.conversations.clear();
    this.messages.clear();
    this.onChange();
  }

  snapshot(): StateSnapshot {
    return {
      conversations: [...this.conversations.values()],
      messages: [...this.messages.values()].flat(),
    };
  }

  /** Replaces the state with a snapshot (from `--data FILE`); silently skips orphan messages. */
  restore(snapshot: StateSnapshot): void {
    this.conversations.clear();
    this.messages.clear();
    for (const conversation of snapshot.conversations) {
      this.conversations.set(conversation.id, conversation);
      this.messages.set(conversation.id, []);
    }
    for (const message of snapshot.messages) {
      this.messages.get(message.conversation_id)?.push(message);
    }
  }
}
