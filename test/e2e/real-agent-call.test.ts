// The widget against the real LiveKit Agents framework: the emulator's framework agent (a real
// `voice.AgentSession` of @livekit/agents over @livekit/rtc-node, with stand-in models) in a
// real call from Chromium through livekit-client. Chromium's fake microphone beeps; the agent's
// speech-to-text hears each stretch of beeps as the next scripted phrase.
import { expect, waitUntil } from '@open-wc/testing';
import { GREETING, HEARD_PHRASES, replyTo } from '../../emulator/agent/framework/script.js';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { openConversationStore } from '../../src/store/open-store.js';
import { shadow } from '../element/widget.js';
import { agentSeesVisitors, control, selectAgent } from '../helpers/emulator.js';
import {
  type CallRecord,
  micButton,
  muteButton,
  roomOf,
  serverTranscript,
  shownMessages,
  shownOutputLevel,
  typeAndSend,
  untilCallShows,
  untilFinalMessage,
  useLiveWidgets,
} from '../helpers/widget-call.js';

/** The real framework joins, speaks and listens in real time on a busy machine: seconds each. */
const AGENT_TIMEOUT = 45_000;
const [PHRASE] = HEARD_PHRASES as [string];

const untilShown = (el: KrosaiConversation, text: string) =>
  untilFinalMessage(el, text, AGENT_TIMEOUT);

/** Each of these texts is on show exactly once, final. */
function expectShownOnce(el: KrosaiConversation, texts: string[]) {
  for (const text of texts) {
    const shown = shownMessages(el).filter((message) => message.text === text);
    expect(shown, `"${text}" on show`).to.deep.equal([
      { role: shown[0]?.role ?? '', text, interim: false },
    ]);
  }
}

/**
 * The loudest agent output level the visualiser rendered (a MutationObserver sees every render, so
 * speech that has ended by the time a test looks still counts).
 */
function watchOutputLevel(el: KrosaiConversation): { loudest(): number; stop(): void } {
  let loudest = 0;
  const observer = new MutationObserver(() => {
    loudest = Math.max(loudest, shownOutputLevel(el));
  });
  observer.observe(shadow(el), { subtree: true, attributes: true, attributeFilter: ['style'] });
  return { loudest: () => loudest, stop: () => observer.disconnect() };
}

const asShown = (messages: Array<{ role: string; text: string }>) =>
  JSON.stringify(messages.map(({ role, text }) => ({ role, text })));

/** Once the talk settles, the visitor's stored history and the server's transcript equal the screen. */
async function expectHistoryAndTranscriptAsShown(el: KrosaiConversation, calls: CallRecord) {
  const conversationId = calls.created[0]!;
  const store = await openConversationStore();
  try {
    await waitUntil(
      async () => {
        const shown = shownMessages(el);
        if (shown.some((message) => message.interim)) return false;
        const stored = (await store.messages(conversationId)).messages;
        const server = await serverTranscript(conversationId);
        return (
          asShown(stored) === asShown(shown) &&
          asShown(server.map(({ role, content }) => ({ role, text: content }))) === asShown(shown)
        );
      },
      'the stored history and the server transcript never matched what was shown',
      { timeout: AGENT_TIMEOUT, interval: 250 },
    );
  } finally {
    store.close();
  }
}

describe('<krosai-conversation> end to end with the real LiveKit Agents framework', function () {
  this.timeout(4 * AGENT_TIMEOUT);
  const { mount } = useLiveWidgets();
  beforeEach(() => selectAgent('framework'));

  it('talks by voice and by text: heard, answered aloud, each utterance once and final', async () => {
    const { el, calls } = await mount();
    const output = watchOutputLevel(el);
    micButton(el).click();
    await untilCallShows(el, 'connected', AGENT_TIMEOUT);
    await untilShown(el, GREETING);
    // The microphone's beeps reach the agent's speech-to-text, which hears the first phrase.
    await untilShown(el, PHRASE);
    await untilShown(el, replyTo(PHRASE));
    // The agent's voice reached the page: the visualiser measured it.
    await waitUntil(() => output.loudest() > 0, 'the agent is never heard', {
      timeout: AGENT_TIMEOUT,
    });
    output.stop();
    expect(calls.agentStates).to.include.members(['listening', 'thinking', 'speaking']);

    // The visitor falls silent and types instead, in the same call.
    muteButton(el)!.click();
    typeAndSend(el, 'Still there?');
    await untilShown(el, replyTo('Still there?'));
    expectShownOnce(el, [
      GREETING,
      PHRASE,
      replyTo(PHRASE),
      'Still there?',
      replyTo('Still there?'),
    ]);
    await expectHistoryAndTranscriptAsShown(el, calls);
    expect(calls.errors).to.deep.equal([]);
  });

  it('goes on after a dropped signal and after a full rejoin, with the same agent', async () => {
    const { el, calls } = await mount();
    micButton(el).click();
    await untilCallShows(el, 'connected', AGENT_TIMEOUT);
    muteButton(el)!.click();
    await untilShown(el, GREETING);

    const room = roomOf(calls);
    for (const disruption of ['drop-signal', 'force-reconnect']) {
      const before = calls.states.length;
      await control(`/control/livekit/${disruption}`, { room });
      await waitUntil(
        () => calls.states.slice(before).includes('reconnecting'),
        `never reconnecting after ${disruption}`,
        { timeout: AGENT_TIMEOUT },
      );
      await untilCallShows(el, 'connected', AGENT_TIMEOUT);
      await waitUntil(() => agentSeesVisitors(room), `the agent never saw the visitor back`, {
        timeout: AGENT_TIMEOUT,
      });
      typeAndSend(el, `After ${disruption}`);
      await untilShown(el, replyTo(`After ${disruption}`));
    }
    // One agent throughout: one greeting; each message once.
    expectShownOnce(el, [
      GREETING,
      'After drop-signal',
      replyTo('After drop-signal'),
      'After force-reconnect',
      replyTo('After force-reconnect'),
    ]);
    await expectHistoryAndTranscriptAsShown(el, calls);
    expect(calls.errors).to.deep.equal([]);
  });
});
