import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import './page-errors.js';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { openConversationStore } from '../../src/store/open-store.js';
import type { StoredConversation, StoredMessage } from '../../src/store/types.js';
import { control, emulatorInfo, krosaiFetch } from '../helpers/emulator.js';
import { type FakeVoiceOptions, fakeVoice } from '../helpers/fake-voice-session.js';

export const AGENT = 'agent_demo';

/** A namespace no other test uses, so every test starts with an empty history. */
export const uniqueNamespace = () =>
  `t-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export interface MountOptions {
  namespace?: string;
  layout?: 'inline' | 'launcher';
  /** How conversations start (default voice-first). */
  mode?: 'voice-first' | 'text-first' | 'text-only';
  locale?: string;
  voice?: FakeVoiceOptions;
  /** Height of the widget's container in pixels (default 600). */
  height?: number;
  /** Leave out the API key (an unconfigured widget). */
  noServer?: boolean;
  /** Where history is kept (default `local`). */
  persist?: 'local' | 'session' | 'none';
}

/** Mounts the widget in dev mode against the emulator, with the fake voice session. */
export async function mountWidget(options: MountOptions = {}) {
  const { url, apiKey } = await emulatorInfo();
  const voice = fakeVoice(options.voice);
  const namespace = options.namespace ?? uniqueNamespace();
  const el = await fixture<KrosaiConversation>(html`
    <div style="height: ${options.height ?? 600}px; width: 420px">
      <krosai-conversation
        agent-id=${AGENT}
        api-base=${url}
        api-key=${options.noServer ? '' : apiKey}
        namespace=${namespace}
        layout=${options.layout ?? 'inline'}
        mode=${options.mode ?? 'voice-first'}
        locale=${options.locale ?? 'en'}
        persist=${options.persist ?? 'local'}
        .voiceSessionFactory=${voice.factory}
      ></krosai-conversation>
    </div>
  `).then((wrapper) => wrapper.querySelector('krosai-conversation')!);
  await settled(el);
  return { el, voice, namespace };
}

/** The element's shadow root, typed. */
export const shadow = (el: KrosaiConversation) => el.shadowRoot!;

export const part = <T extends HTMLElement = HTMLElement>(el: KrosaiConversation, name: string) =>
  shadow(el).querySelector<T>(`[part~="${name}"]`);

/** Waits until the stored conversation (if any) is on screen. */
export async function settled(el: KrosaiConversation) {
  await waitUntil(
    () => {
      if (shadow(el).querySelector('.list-area .placeholder:not([part])')) return false;
      const list = shadow(el).querySelector('.messages');
      return !list || list.hasAttribute('hidden') || list.querySelector('[part~="message"]');
    },
    'still loading',
    { timeout: 10000 },
  );
  await el.updateComplete;
}

export const messageTexts = (el: KrosaiConversation) =>
  [...shadow(el).querySelectorAll('[part~="message"] .text')].map((node) => node.textContent ?? '');

export const callStateText = (el: KrosaiConversation) =>
  shadow(el).querySelector('.call-state')?.textContent ?? '';

/** Waits for the call to reach a state. */
export const untilCallState = (el: KrosaiConversation, state: string) =>
  waitUntil(
    () => shadow(el).querySelector(`[data-call-state="${state}"]`),
    `call never reached ${state}`,
    { timeout: 10000 },
  );

/** Writes a conversation and its messages straight into the visitor's IndexedDB. */
export async function seedHistory(
  namespace: string,
  conversation: Partial<StoredConversation> & { id: string },
  texts: Array<{ role: StoredMessage['role']; text: string; at?: number }> = [],
) {
  const store = await openConversationStore();
  const now = Date.now();
  const stored: StoredConversation = {
    namespace,
    agentId: AGENT,
    title: 'Earlier chat',
    status: 'active',
    createdAt: now - 60_000,
    updatedAt: now - 60_000,
    current: true,
    ...conversation,
  };
  await store.putConversation(stored);
  let index = 0;
  for (const { role, text, at } of texts) {
    index += 1;
    await store.addMessage({
      id: `seed-${conversation.id}-${index}`,
      conversationId: conversation.id,
      role,
      text,
      createdAt: at ?? now - 50_000 + index,
      state: 'final',
      // As the voice session left them: the server's copy replaces them on reconcile.
      origin: 'live',
    });
  }
  await store.flush();
  store.close();
  return stored;
}

/** Creates a conversation on the emulator, as another page view of this visitor once did. */
export async function serverConversation(messages: Array<{ role: string; content: string }> = []) {
  const response = await krosaiFetch('/v1/conversations', {
    method: 'POST',
    body: JSON.stringify({ agent_id: AGENT, title: 'From the server' }),
  });
  const conversation = (await response.json()) as { id: string; title: string };
  for (const message of messages) {
    await control(`/control/conversations/${conversation.id}/messages`, message);
  }
  return conversation;
}

export const completeOnServer = (id: string) =>
  control(`/control/conversations/${id}/status`, { status: 'completed' });

/** Waits until the shown messages are exactly these texts. */
export const untilMessages = (el: KrosaiConversation, texts: string[]) =>
  waitUntil(
    () => JSON.stringify(messageTexts(el)) === JSON.stringify(texts),
    `messages never became ${JSON.stringify(texts)}`,
    { timeout: 10000 },
  );

/** The next event of a type, typed as the element dispatches it. */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) =>
    target.addEventListener(type, (event) => resolve(event as GlobalEventHandlersEventMap[K]), {
      once: true,
    }),
  );
}

/**
 * Fills a stored conversation with `count` server messages in one reconcile, one second apart,
 * the last `endsAgoMs` ago. Returns when the first was sent (epoch ms).
 */
export async function seedManyMessages(
  namespace: string,
  id: string,
  count: number,
  {
    status = 'completed',
    endsAgoMs = 0,
  }: { status?: 'active' | 'completed'; endsAgoMs?: number } = {},
) {
  await seedHistory(namespace, { id, status });
  const store = await openConversationStore();
  const start = Date.now() - endsAgoMs - count * 1000;
  await store.reconcile(
    id,
    Array.from({ length: count }, (_, index) => ({
      id: `${id}-m${String(index).padStart(5, '0')}`,
      conversationId: id,
      role: index % 2 ? ('assistant' as const) : ('user' as const),
      content: `Message number ${index}`,
      createdAt: new Date(start + index * 1000),
    })),
  );
  await store.flush();
  store.close();
  return start;
}
