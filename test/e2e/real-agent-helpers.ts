import { expect, waitUntil } from '@open-wc/testing';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { openConversationStore } from '../../src/store/open-store.js';
import { shadow } from '../element/widget.js';
import {
  serverTranscript,
  shownMessages,
  shownOutputLevel,
  untilFinalMessage,
} from '../helpers/widget-call.js';

/** The real framework joins, speaks and listens in real time on a busy machine: seconds each. */
export const AGENT_TIMEOUT = 45_000;

export const untilShown = (el: KrosaiConversation, text: string) =>
  untilFinalMessage(el, text, AGENT_TIMEOUT);

/** Each of these texts is on show exactly once, final. */
export function expectShownOnce(el: KrosaiConversation, texts: string[]) {
  for (const text of texts) {
    const shown = shownMessages(el).filter((message) => message.text === text);
    expect(shown, `"${text}" on show`).to.deep.equal([
      { role: shown[0]?.role ?? '', text, interim: false },
    ]);
  }
}

const asShown = (messages: Array<{ role: string; text: string }>) =>
  JSON.stringify(messages.map(({ role, text }) => ({ role, text })));

/**
 * Once the talk settles, the visitor's stored history and the server's transcript of the
 * conversation equal the screen.
 */
export async function expectHistoryAndTranscriptAsShown(
  el: KrosaiConversation,
  conversationId: string,
  /**
   * Bubbles the agent never heard whole, so the server has not got them. Asked at every look: such
   * a bubble can arrive late (the agent's speech-to-text lags behind the microphone).
   */
  {
    unheard = () => false,
  }: { unheard?: (message: { role: string; text: string }) => boolean } = {},
) {
  const store = await openConversationStore();
  let last = '';
  try {
    await waitUntil(
      async () => {
        const shown = asShown(shownMessages(el));
        const heard = asShown(shownMessages(el).filter((message) => !unheard(message)));
        const stored = asShown((await store.messages(conversationId)).messages);
        const server = asShown(
          (await serverTranscript(conversationId)).map(({ role, content }) => ({
            role,
            text: content,
          })),
        );
        last = `shown ${shown}\nstored ${stored}\nserver ${server}`;
        if (shownMessages(el).some((message) => message.interim)) return false;
        return stored === shown && server === heard;
      },
      'the stored history and the server transcript never matched what was shown',
      { timeout: AGENT_TIMEOUT, interval: 250 },
    ).catch(() => {
      throw new Error(`the stored history and the server transcript never matched:\n${last}`);
    });
  } finally {
    store.close();
  }
}

/**
 * The loudest agent output level the visualiser rendered (a MutationObserver sees every render, so
 * speech that has ended by the time a test looks still counts).
 */
export function watchOutputLevel(el: KrosaiConversation): { loudest(): number; stop(): void } {
  let loudest = 0;
  const observer = new MutationObserver(() => {
    loudest = Math.max(loudest, shownOutputLevel(el));
  });
  observer.observe(shadow(el), { subtree: true, attributes: true, attributeFilter: ['style'] });
  return { loudest: () => loudest, stop: () => observer.disconnect() };
}
