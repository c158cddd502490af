import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import '../element/page-errors.js';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import type { VoiceSessionFactory } from '../../src/voice/voice-session.js';
import { AGENT, settled, shadow, uniqueNamespace } from '../element/widget.js';
import {
  pause,
  visitorsIn,
  watchMicrophoneTracks,
  watchUnhandledRejections,
} from '../voice/call-helpers.js';
import { control, emulatorInfo, resetEmulator } from './emulator.js';

export { visitorsIn };

/**
 * End-to-end helpers for `<krosai-conversation>` with its real voice loader (livekit-client,
 * imported lazily) against the emulator: mounting in this page or in a same-origin frame (another
 * document, as another tab or a page without the microphone permission), and reading what the
 * visitor sees.
 */

/** What the emulator's scripted agent says (emulator/agent/script.ts, fixed for tests). */
export const GREETING = "Hello! I'm the emulator's scripted agent. Talk to me, or type a message.";
export const replyTo = (text: string) =>
  `You said: "${text}". I'm a scripted agent, so that is all I can do for now.`;

/** A call involves a WebRTC join on a shared, slow machine: waits are generous. */
export const CALL_TIMEOUT = 20_000;

/** The real LiveKit session, waiting 3 s instead of 20 s for an agent that does not come. */
export const shortAgentWait: VoiceSessionFactory = () =>
  import('../../src/voice/livekit-voice-session.js').then((module) =>
    module.createLiveKitVoiceSession({ agentJoinTimeoutMs: 3000 }),
  );

export interface LiveMountOptions {
  namespace?: string;
  locale?: string;
  /** Replaces the default loader (e.g. a LiveKit session with a short agent-join timeout). */
  voiceSessionFactory?: VoiceSessionFactory;
}

/** Mounts the widget in dev mode against the emulator, with its default (LiveKit) voice loader. */
export async function mountLiveWidget(options: LiveMountOptions = {}) {
  const { url, apiKey } = await emulatorInfo();
  const namespace = options.namespace ?? uniqueNamespace();
  const wrapper = await fixture<HTMLElement>(html`
    <div style="height: 600px; width: 420px">
      <krosai-conversation
        agent-id=${AGENT}
        api-base=${url}
        api-key=${apiKey}
        namespace=${namespace}
        locale=${options.locale ?? 'en'}
      ></krosai-conversation>
    </div>
  `);
  const el = wrapper.querySelector<KrosaiConversation>('krosai-conversation')!;
  if (options.voiceSessionFactory) el.voiceSessionFactory = options.voiceSessionFactory;
  await settled(el);
  return { el, namespace, calls: recordCall(el) };
}

/** Everything the element announced about its call, for waits and checks after the fact. */
export interface CallRecord {
  states: string[];
  agentStates: string[];
  errors: string[];
  /** Ids of conversations the element created. */
  created: string[];
}

export function recordCall(el: HTMLElement): CallRecord {
  const record: CallRecord = { states: [], agentStates: [], errors: [], created: [] };
  el.addEventListener('krosai-call-state', (event) => record.states.push(event.state));
  el.addEventListener('krosai-agent-state', (event) => record.agentStates.push(event.state));
  el.addEventListener('krosai-error', (event) => record.errors.push(event.reason));
  el.addEventListener('krosai-conversation-created', (event) =>
    record.created.push(event.conversation.id),
  );
  return record;
}

/** The call button (start, then hang up). */
export const micButton = (el: KrosaiConversation) =>
  shadow(el).querySelector<HTMLButtonElement>('[part~="mic-button"]')!;

export const muteButton = (el: KrosaiConversation) =>
  shadow(el).querySelector<HTMLButtonElement>('[part~="mute-button"]');

/** The call state the status line shows (`data-call-state`). */
export const shownCallState = (el: KrosaiConversation) =>
  shadow(el).querySelector('[part~="status"]')?.getAttribute('data-call-state') ?? '';

/** Waits until the status line shows a call state. */
export const untilCallShows = (el: KrosaiConversation, state: string, timeout = CALL_TIMEOUT) =>
  waitUntil(() => shownCallState(el) === state, `the call never showed ${state}`, {
    timeout,
    interval: 50,
  });

/** The error on show: its reason and its text, or undefined. */
export function shownError(el: KrosaiConversation): { reason: string; text: string } | undefined {
  const error = shadow(el).querySelector('[part~="error"]');
  if (!error) return undefined;
  return {
    reason: error.getAttribute('data-reason') ?? '',
    text: error.querySelector('p')?.textContent?.trim() ?? '',
  };
}

export const untilErrorShows = (el: KrosaiConversation, reason: string, timeout = CALL_TIMEOUT) =>
  waitUntil(() => shownError(el)?.reason === reason, `no ${reason} error shown`, {
    timeout,
    interval: 50,
  });

/** Clicks the microphone and waits for the call to connect (the agent is there). */
export async function callAndConnect(el: KrosaiConversation): Promise<void> {
  micButton(el).click();
  await untilCallShows(el, 'connected');
}

/** The LiveKit room of the conversation the element created. */
export function roomOf(calls: CallRecord): string {
  const id = calls.created.at(-1);
  if (!id) throw new Error('the element created no conversation');
  return `conv_${id}`;
}

/** Types into the composer and sends, as a visitor would. */
export function typeAndSend(el: KrosaiConversation, text: string): void {
  const input = shadow(el).querySelector<HTMLInputElement>('[part~="composer-input"]')!;
  input.value = text;
  shadow(el).querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
}

/** Texts of the messages on show with their speaker, oldest first. */
export const shownMessages = (el: KrosaiConversation) =>
  [...shadow(el).querySelectorAll('[part~="message"]')].map((node) => ({
    role: node.getAttribute('part')?.includes('message-user') ? 'user' : 'assistant',
    text: node.querySelector('.text')?.textContent ?? '',
    interim: node.classList.contains('interim'),
  }));

/** Waits until a final message with exactly this text is on show. */
export const untilFinalMessage = (el: KrosaiConversation, text: string, timeout = CALL_TIMEOUT) =>
  waitUntil(
    () => shownMessages(el).some((message) => message.text === text && !message.interim),
    `no final message "${text}" on show`,
    { timeout, interval: 50 },
  );

/** After a disruption: typed text still reaches the agent, and nothing failed on the way. */
export async function expectConversationGoesOn(el: KrosaiConversation, calls: CallRecord) {
  typeAndSend(el, 'Still there?');
  await untilFinalMessage(el, replyTo('Still there?'));
  expect(shownMessages(el).map((message) => message.text)).to.deep.equal([
    GREETING,
    'Still there?',
    replyTo('Still there?'),
  ]);
  expect(calls.errors).to.deep.equal([]);
}

/** The agent output level the visualiser shows (the meter's `--_level`), 0…1. */
export const shownOutputLevel = (el: KrosaiConversation) =>
  Number(
    shadow(el).querySelector<HTMLElement>('.level-output')?.style.getPropertyValue('--_level') || 0,
  );

/**
 * Every agent-state text the status line rendered, in order (a MutationObserver sees each render,
 * so a short `thinking` is not missed between polls). `stop()` disconnects it.
 */
export function watchAgentIndicator(el: KrosaiConversation): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const look = () => {
    const text = shadow(el).querySelector('.agent-state')?.textContent?.trim() ?? '';
    if (text && seen.at(-1) !== text) seen.push(text);
  };
  const observer = new MutationObserver(look);
  observer.observe(shadow(el), { subtree: true, childList: true, characterData: true });
  look();
  return { seen, stop: () => observer.disconnect() };
}

/** The server's transcript of a conversation (without system messages), oldest first. */
export async function serverTranscript(conversationId: string) {
  const conversation = await control<{
    messages: Array<{ id: string; role: string; content: string }>;
  }>(`/control/conversations/${conversationId}`, undefined, 'GET');
  return conversation.messages.filter((message) => message.role !== 'system');
}

/**
 * The hooks every end-to-end widget test needs; returns its `mount`. Each test starts with a fresh
 * emulator. Afterwards every widget it mounted is removed, which must hang up (its room empties),
 * and nothing may be left capturing the microphone or failing unnoticed. `liveMicrophoneTracks()`
 * tells a test mid-way whether anything still captures.
 */
export function useLiveWidgets(options: { beforeCleanup?: () => Promise<void> } = {}) {
  const mounted: Array<{ el: KrosaiConversation; calls: CallRecord }> = [];
  let microphone: ReturnType<typeof watchMicrophoneTracks>;
  let rejections: ReturnType<typeof watchUnhandledRejections>;

  beforeEach(async function () {
    // A call test takes several round trips to the agent, each bounded by CALL_TIMEOUT; the
    // runner's default per-test bound is one of them. Only ever raised: a suite with the real
    // agent sets a longer bound of its own.
    const test = this.currentTest;
    if (test) test.timeout(Math.max(test.timeout(), 3 * CALL_TIMEOUT));
    await resetEmulator();
    microphone = watchMicrophoneTracks();
    rejections = watchUnhandledRejections();
  });

  afterEach(async function () {
    this.timeout(Math.max(this.timeout(), 3 * CALL_TIMEOUT));
    await options.beforeCleanup?.();
    for (const { el, calls } of mounted.splice(0)) {
      el.parentElement?.remove();
      if (!calls.created.length) continue;
      const room = roomOf(calls);
      await waitUntil(async () => (await visitorsIn(room)) === 0, `${room} emptied`, {
        timeout: CALL_TIMEOUT,
      });
    }
    // Hanging up stops the microphone once the room is left: wait for that, then let late
    // failures of anything the test started surface before looking.
    await waitUntil(() => liveMicrophoneTracks().length === 0, 'the microphone still captures', {
      timeout: CALL_TIMEOUT,
    });
    await pause(200);
    microphone.restore();
    rejections.restore();
    expect(rejections.reasons).to.deep.equal([]);
  });

  const liveMicrophoneTracks = () =>
    microphone.tracks.filter((track) => track.readyState !== 'ended');

  return {
    liveMicrophoneTracks,
    async mount(mountOptions?: LiveMountOptions) {
      const widget = await mountLiveWidget(mountOptions);
      mounted.push(widget);
      return widget;
    },
  };
}

// ---- the widget in a frame --------------------------------------------------------------------

export interface FramedWidget {
  frame: HTMLIFrameElement;
  el: KrosaiConversation;
  calls: CallRecord;
  /** The frame's own resource timing entries' URLs. */
  resources(): string[];
}

/**
 * The widget in a same-origin frame: its own document and module map (so the voice chunk loads
 * anew), its own Permissions Policy (`allow`), shared IndexedDB and Web Locks (as another tab).
 */
export async function mountFramedWidget(
  options: { allow?: string; namespace?: string; locale?: string } = {},
): Promise<FramedWidget> {
  const { url, apiKey } = await emulatorInfo();
  const frame = document.createElement('iframe');
  frame.setAttribute('allow', options.allow ?? 'microphone');
  frame.style.cssText = 'width: 440px; height: 640px; border: 0';
  const attributes = {
    'agent-id': AGENT,
    'api-base': url,
    'api-key': apiKey,
    namespace: options.namespace ?? uniqueNamespace(),
    locale: options.locale ?? 'en',
  };
  const attributeText = Object.entries(attributes)
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ');
  frame.srcdoc = `<!doctype html><body style="margin:0">
    <div style="height: 600px; width: 420px"><krosai-conversation ${attributeText}></krosai-conversation></div>
    <script type="module">import '/src/define.ts';</script></body>`;
  document.body.append(frame);
  const frameWindow = () => frame.contentWindow as (Window & typeof globalThis) | null;
  const find = () =>
    frameWindow()?.document.querySelector<KrosaiConversation>('krosai-conversation');
  await waitUntil(() => find()?.shadowRoot, 'the framed widget is defined', { timeout: 15_000 });
  const el = find()!;
  const calls = recordCall(el);
  await settled(el);
  return {
    frame,
    el,
    calls,
    resources: () =>
      frameWindow()!
        .performance.getEntriesByType('resource')
        .map((entry) => entry.name),
  };
}
