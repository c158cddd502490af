import type { ConversationMessage } from '../api/types.js';
import { KrosaiError } from '../errors.js';
import { ChangeFeed } from './change-feed.js';
import type { IdbStore } from './idb/store.js';
import type { MemoryStore } from './memory-store.js';
import type {
  ConversationStore,
  LiveSegment,
  MessagePageOptions,
  StoreChange,
  StoredConversation,
  StoredMessage,
} from './types.js';

function isStorageFailure(error: unknown): error is KrosaiError {
  return (
    error instanceof KrosaiError &&
    (error.reason === 'storage-unavailable' || error.reason === 'storage-full')
  );
}

/**
 * The IndexedDB store with a safety net. Everything read or written is also kept in a memory
 * store; when IndexedDB fails for good (full even after pruning, or broken), that memory store
 * takes over with everything the visitor has seen, and a warning is reported once.
 */
export class ResilientStore implements ConversationStore {
  private active: ConversationStore;
  private readonly feed = new ChangeFeed();
  private stopRelaying: () => void;

  constructor(
    private readonly primary: IdbStore,
    private readonly mirror: MemoryStore,
    private readonly onWarning: (error: KrosaiError) => void,
  ) {
    this.active = primary;
    this.stopRelaying = primary.subscribe((change) => {
      mirror.applyChange(change);
      this.feed.notify(change);
    });
  }

  currentConversation(namespace: string, agentId: string) {
    return this.run(
      (store) => store.currentConversation(namespace, agentId),
      (found) => found && this.mirror.remember({ conversations: [found] }),
    );
  }

  listConversations(namespace: string) {
    return this.run(
      (store) => store.listConversations(namespace),
      (conversations) => this.mirror.remember({ conversations }),
    );
  }

  getConversation(id: string) {
    return this.run(
      (store) => store.getConversation(id),
      (found) => found && this.mirror.remember({ conversations: [found] }),
    );
  }

  putConversation(conversation: StoredConversation) {
    return this.run((store) => store.putConversation(conversation));
  }

  messages(conversationId: string, options?: MessagePageOptions) {
    return this.run(
      (store) => store.messages(conversationId, options),
      (page) => this.mirror.remember({ messages: page.messages }),
    );
  }

  summary(conversationId: string) {
    return this.run((store) => store.summary(conversationId));
  }

  addMessage(message: StoredMessage) {
    return this.run((store) => store.addMessage(message));
  }

  upsertSegment(segment: LiveSegment) {
    return this.run((store) => store.upsertSegment(segment));
  }

  reconcile(conversationId: string, serverMessages: ConversationMessage[]) {
    return this.run((store) => store.reconcile(conversationId, serverMessages));
  }

  clear(namespace?: string) {
    return this.run((store) => store.clear(namespace));
  }

  flush() {
    return this.run((store) => store.flush());
  }

  subscribe(listener: (change: StoreChange) => void) {
    return this.feed.subscribe(listener);
  }

  close() {
    this.stopRelaying();
    this.primary.close();
    this.mirror.close();
    this.feed.close();
  }

  /** Switches to the memory copy for the rest of the page's life. */
  fallBack(error: KrosaiError) {
    if (this.active === this.mirror) return;
    this.active = this.mirror;
    this.stopRelaying();
    this.primary.close();
    this.stopRelaying = this.mirror.subscribe((change) => this.feed.notify(change));
    this.onWarning(error);
  }

  private async run<T>(
    operation: (store: ConversationStore) => Promise<T>,
    remember?: (result: T) => void,
  ): Promise<T> {
    if (this.active === this.mirror) return operation(this.mirror);
    try {
      const result = await operation(this.primary);
      remember?.(result);
      return result;
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      this.fallBack(error);
      return operation(this.mirror);
    }
  }
}
