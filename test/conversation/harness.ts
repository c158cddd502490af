import type { Conversation, ConversationMessage, KrosaiApi } from '../../src/api/types.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { ConversationSession } from '../../src/conversation/session.js';
import type { ConversationEvent } from '../../src/conversation/types.js';
import { KrosaiError } from '../../src/errors.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { StoredConversation } from '../../src/store/types.js';
import { type FakeVoiceOptions, fakeVoice } from '../helpers/fake-voice-session.js';

export const AGENT = 'agent_test';
export const NAMESPACE = 'conversation-tests';

/** A store that several sessions share, as IndexedDB is shared: closing one session keeps it. */
export class SharedMemoryStore extends MemoryStore {
  override close(): void {}
}

/** A promise settled from outside, to hold a server answer until the test lets it go. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

let counter = 0;

/** A conversation as the server describes it, active, with a room. */
export function remoteConversation(overrides: Partial<Conversation> = {}): Conversation {
  counter += 1;
  return {
    id: `conv-${Date.now().toString(36)}-${counter}`,
    agentId: AGENT,
    title: 'From the stub',
    status: 'active',
    createdAt: new Date(),
    updatedAt: new Date(),
    roomUrl: 'wss://room.invalid',
    token: `token-${counter}`,
    ...overrides,
  };
}

/**
 * A KrosaiApi that answers from memory and counts calls. `hold` makes the next answer of a method
 * wait for the test (a slow server), to check what happens to a result that comes too late.
 */
export class StubApi implements KrosaiApi {
  readonly calls: string[] = [];
  readonly conversations = new Map<string, Conversation>();
  readonly messages = new Map<string, ConversationMessage[]>();
  private readonly held = new Map<string, Promise<void>>();

  hold(method: 'createConversation' | 'getConversation' | 'getMessages') {
    const gate = deferred<void>();
    this.held.set(method, gate.promise);
    return () => gate.resolve();
  }

  async createConversation(input: { agentId: string }): Promise<Conversation> {
    await this.pass('createConversation');
    const created = remoteConversation({ agentId: input.agentId });
    this.conversations.set(created.id, created);
    return created;
  }

  async getConversation(ref: { id: string }): Promise<Conversation> {
    await this.pass('getConversation');
    const found = this.conversations.get(ref.id);
    if (!found) throw new KrosaiError('not-found', 'The stub has no such conversation.');
    return { ...found, token: `fresh-${ref.id}` };
  }

  async getMessages(ref: { id: string }): Promise<ConversationMessage[]> {
    await this.pass('getMessages');
    return this.messages.get(ref.id) ?? [];
  }

  async startVoiceSession(): Promise<never> {
    throw new Error('The widget never starts a voice session without a conversation.');
  }

  private async pass(method: string): Promise<void> {
    this.calls.push(method);
    const gate = this.held.get(method);
    this.held.delete(method);
    await gate;
  }
}

export interface HarnessOptions {
  api?: StubApi;
  store?: MemoryStore;
  voice?: FakeVoiceOptions;
  /** What `krosai-before-start` would answer (default: let the call start). */
  mayStart?: () => boolean;
  /** How long a quiet text conversation keeps its room. */
  textIdleMs?: number;
  /** The voice code's chunk fails to load with this error. */
  loadFails?: Error;
  /** The voice code's chunk arrives once this settles. */
  loadHeld?: Promise<void>;
}

/** A ConversationSession over a memory store, the stub API and the fake voice session. */
export function openSession(options: HarnessOptions = {}) {
  const api = options.api ?? new StubApi();
  const store = options.store ?? new MemoryStore();
  const voice = fakeVoice(options.voice);
  const events: ConversationEvent[] = [];
  const session = new ConversationSession({
    config: resolveConfig({ agentId: AGENT, apiKey: 'key', namespace: NAMESPACE }),
    deps: {
      createApi: () => api,
      openStore: async () => store,
      loadVoiceSession: options.loadFails
        ? () => Promise.reject(options.loadFails)
        : async (factoryOptions) => {
            await options.loadHeld;
            return voice.factory(factoryOptions);
          },
      textIdleMs: options.textIdleMs,
    },
    onEvent: (event) => events.push(event),
    mayStart: options.mayStart ?? (() => true),
    restart: async () => {},
  });
  /** The events of one type, narrowed. */
  const of = <T extends ConversationEvent['type']>(type: T) =>
    events.filter((event): event is Extract<ConversationEvent, { type: T }> => event.type === type);
  return {
    session,
    api,
    store,
    voice,
    events,
    of,
    callStates: () =>
      of('call-state').map(({ state, reason }) => (reason ? `${state}:${reason}` : state)),
  };
}

/** Writes a conversation the visitor had before, current for the agent. */
export async function seedConversation(
  store: MemoryStore,
  api: StubApi,
  overrides: Partial<StoredConversation> = {},
): Promise<StoredConversation> {
  const remote = remoteConversation();
  api.conversations.set(remote.id, remote);
  const now = Date.now();
  const stored: StoredConversation = {
    id: remote.id,
    namespace: NAMESPACE,
    agentId: AGENT,
    title: 'Earlier',
    status: 'active',
    createdAt: now - 60_000,
    updatedAt: now - 60_000,
    current: true,
    ...overrides,
  };
  await store.putConversation(stored);
  return stored;
}
