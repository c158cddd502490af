// The widget against the real LiveKit Agents framework: the emulator's framework agent (a real
// `voice.AgentSession` of @livekit/agents over @livekit/rtc-node, with stand-in models) in a
// real call from Chromium through livekit-client. Chromium's fake microphone beeps; the agent's
// speech-to-text hears each stretch of beeps as the next scripted phrase.
import { expect, waitUntil } from '@open-wc/testing';
import { GREETING, HEARD_PHRASES, replyTo } from '../../emulator/agent/framework/script.js';
import { agentSeesVisitors, control, selectAgent } from '../helpers/emulator.js';
import {
  micButton,
  muteButton,
  roomOf,
  typeAndSend,
  untilCallShows,
  useLiveWidgets,
} from '../helpers/widget-call.js';
import {
  AGENT_TIMEOUT,
  expectHistoryAndTranscriptAsShown,
  expectShownOnce,
  untilShown,
  watchOutputLevel,
} from './real-agent-helpers.js';

const [PHRASE] = HEARD_PHRASES as [string];

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
    await expectHistoryAndTranscriptAsShown(el, calls.created[0]!);
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
    await expectHistoryAndTranscriptAsShown(el, calls.created[0]!);
    expect(calls.errors).to.deep.equal([]);
  });
});
