import { expect, waitUntil } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { loadVoiceSession } from '../../src/voice/load-voice-session.js';
import type { VoiceConnectOptions, VoiceSessionFactory } from '../../src/voice/voice-session.js';
import { shadow } from '../element/widget.js';
import { control, selectAgent, tokenStatus } from '../helpers/emulator.js';
import {
  CALL_TIMEOUT,
  callAndConnect,
  expectConversationGoesOn,
  GREETING,
  micButton,
  replyTo,
  roomOf,
  shortAgentWait,
  shownError,
  shownMessages,
  shownOutputLevel,
  typeAndSend,
  untilCallShows,
  untilErrorShows,
  untilFinalMessage,
  useLiveWidgets,
  visitorsIn,
} from '../helpers/widget-call.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('<krosai-conversation> end to end: recovery and limits', () => {
  const { mount } = useLiveWidgets();
  beforeEach(() => selectAgent('scripted'));

  it('shows reconnecting after a dropped WebSocket, resumes, and keeps the conversation going', async () => {
    const { el, calls } = await mount();
    await callAndConnect(el);
    await untilFinalMessage(el, GREETING);
    const before = calls.states.length;
    await control('/control/livekit/drop-signal', { room: roomOf(calls) });
    await waitUntil(
      () => calls.states.slice(before).includes('reconnecting'),
      'never reconnecting',
      { timeout: CALL_TIMEOUT },
    );
    await untilCallShows(el, 'connected');
    expect(calls.states.slice(before)).to.deep.equal(['reconnecting', 'connected']);

    await expectConversationGoesOn(el, calls);
  });

  it('reports a connection lost for good, and the visitor can call again', async () => {
    // The real LiveKit session in a Room that never retries: a network that does not come back.
    const noRetries: VoiceSessionFactory = async () => {
      const [{ Room }, voice] = await Promise.all([
        import('livekit-client'),
        import('../../src/voice/livekit-voice-session.js'),
      ]);
      return voice.createLiveKitVoiceSession({
        createRoom: () => new Room({ reconnectPolicy: { nextRetryDelayInMs: () => null } }),
      });
    };
    const { el, calls } = await mount({ voiceSessionFactory: noRetries });
    await callAndConnect(el);
    await control('/control/livekit/drop-signal', { room: roomOf(calls) });
    await untilCallShows(el, 'ended');
    await untilErrorShows(el, 'connection-lost');
    expect(shownError(el)?.text).to.equal(en.errors['connection-lost']);
    expect(calls.errors).to.deep.equal(['connection-lost']);
    expect(micButton(el).getAttribute('part')).to.include('start-button');

    await callAndConnect(el);
    expect(shownError(el)).to.equal(undefined);
    expect(calls.created.length).to.equal(1);
  });

  it('ends the call when the server removes the visitor, who can then call again', async () => {
    const { el, calls } = await mount();
    await callAndConnect(el);
    const endReason = new Promise((resolve) =>
      el.addEventListener('krosai-call-state', (event) => {
        if (event.state === 'ended') resolve(event.reason);
      }),
    );
    await control('/control/livekit/kick', { room: roomOf(calls) });
    await untilCallShows(el, 'ended');
    expect(await endReason).to.equal('kicked');
    expect(shadow(el).querySelector('.call-state')?.textContent).to.equal(en.callEnded.kicked);
    expect(micButton(el).getAttribute('part')).to.include('start-button');
    await waitUntil(async () => (await visitorsIn(roomOf(calls))) === 0, 'the visitor left');

    await callAndConnect(el);
    // The same conversation goes on.
    expect(calls.created.length).to.equal(1);
    expect(await visitorsIn(roomOf(calls))).to.equal(1);
  });

  it('refreshes an expired voice token through get-conversation and still connects', async () => {
    await control('/control/token-ttl', { seconds: 1 });
    const given: string[] = [];
    // A visitor whose join starts only after the token has expired (a slow device, say).
    const lateJoin: VoiceSessionFactory = async () => {
      const session = await loadVoiceSession();
      const connect = session.connect.bind(session);
      session.connect = async (options: VoiceConnectOptions) => {
        given.push(options.token);
        await pause(2500);
        // Tokens minted from now on (the refreshed one) live long enough to join.
        await control('/control/token-ttl', { seconds: 600 });
        return connect(options);
      };
      return session;
    };
    const { el, calls } = await mount({ voiceSessionFactory: lateJoin });
    await callAndConnect(el);
    expect(given).to.have.length(1);
    expect(await tokenStatus(given[0]!)).to.equal(401);
    const id = calls.created[0]!;
    const refetched = performance
      .getEntriesByType('resource')
      .some((entry) => new URL(entry.name).pathname === `/v1/conversations/${id}`);
    expect(refetched, 'the conversation was fetched again for a fresh token').to.equal(true);
    expect(calls.errors).to.deep.equal([]);
    await untilFinalMessage(el, GREETING);
  });

  it('waits for a late agent: typed text goes out once it joins, and its voice plays', async () => {
    await control('/control/livekit/agent-join', { enabled: false });
    const { el, calls } = await mount();
    typeAndSend(el, 'Anyone there?');
    await untilCallShows(el, 'waiting-for-agent');
    expect(shadow(el).querySelector('#composer-hint')?.textContent).to.equal(en.composerWait);
    await control('/control/livekit/agent-dispatch', { room: roomOf(calls) });
    await untilCallShows(el, 'connected');
    await untilFinalMessage(el, replyTo('Anyone there?'));
    expect(shownMessages(el).filter((message) => message.role === 'user')).to.deep.equal([
      { role: 'user', text: 'Anyone there?', interim: false },
    ]);
    // Typing joined in text, where the agent is silent: its voice plays once voice is on.
    micButton(el).click();
    await waitUntil(() => el.callMode === 'voice', 'never switched to voice');
    await waitUntil(() => shownOutputLevel(el) > 0, 'the late agent is never heard', {
      timeout: CALL_TIMEOUT,
    });
    expect(calls.errors).to.deep.equal([]);
  });

  it('shows agent-unavailable when the agent never joins', async () => {
    await control('/control/livekit/agent-join', { enabled: false });
    const { el, calls } = await mount({ voiceSessionFactory: shortAgentWait });
    micButton(el).click();
    await untilCallShows(el, 'waiting-for-agent');
    expect(shadow(el).querySelector('.call-state')?.textContent).to.equal(
      en.call['waiting-for-agent'],
    );
    await untilErrorShows(el, 'agent-unavailable');
    expect(shownError(el)?.text).to.equal(en.errors['agent-unavailable']);
    expect(calls.states.at(-1)).to.equal('error');
    expect(calls.errors).to.deep.equal(['agent-unavailable']);
    await waitUntil(async () => (await visitorsIn(roomOf(calls))) === 0, 'the visitor left', {
      timeout: CALL_TIMEOUT,
    });
  });
});
