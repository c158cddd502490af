import { expect, waitUntil } from '@open-wc/testing';
import { shadow } from '../element/widget.js';
import { control, selectAgent } from '../helpers/emulator.js';
import {
  CALL_TIMEOUT,
  callAndConnect,
  GREETING,
  micButton,
  muteButton,
  replyTo,
  serverTranscript,
  shownMessages,
  shownOutputLevel,
  typeAndSend,
  untilCallShows,
  untilFinalMessage,
  useLiveWidgets,
  watchAgentIndicator,
} from '../helpers/widget-call.js';

/** Whether `items` contains `wanted` in this order (other items may come between). */
const inOrder = (items: string[], wanted: string[]) => {
  let next = 0;
  for (const item of items) if (item === wanted[next]) next += 1;
  return next === wanted.length;
};

describe('<krosai-conversation> end to end: a call with the agent', () => {
  const { mount } = useLiveWidgets();
  beforeEach(() => selectAgent('scripted'));

  it('connects on a click of the microphone, shows the greeting and plays the agent', async () => {
    const { el, calls } = await mount();
    const indicator = watchAgentIndicator(el);
    await callAndConnect(el);
    expect(calls.states).to.include.members(['connecting', 'connected']);
    expect(micButton(el).getAttribute('part')).to.include('hangup-button');
    expect(shadow(el).querySelector('.call-state')?.textContent).to.equal('Connected');

    await untilFinalMessage(el, GREETING);
    expect(shownMessages(el)).to.deep.equal([
      { role: 'assistant', text: GREETING, interim: false },
    ]);
    await waitUntil(() => shownOutputLevel(el) > 0, 'the agent is never heard', {
      timeout: CALL_TIMEOUT,
    });
    await waitUntil(
      () => inOrder(indicator.seen, ['Speaking', 'Listening']),
      `the indicator showed ${JSON.stringify(indicator.seen)}`,
      { timeout: CALL_TIMEOUT },
    );
    indicator.stop();
    expect(calls.agentStates).to.include.members(['listening', 'speaking']);
    expect(calls.errors).to.deep.equal([]);
  });

  it('sends typed text (starting the call), shows the agent reply, the indicator thinking then speaking', async () => {
    const { el, calls } = await mount();
    const indicator = watchAgentIndicator(el);
    typeAndSend(el, 'What are your hours?');
    await untilCallShows(el, 'connected');
    await untilFinalMessage(el, 'What are your hours?');
    await untilFinalMessage(el, replyTo('What are your hours?'));
    await waitUntil(
      () => inOrder(indicator.seen, ['Thinking…', 'Speaking', 'Listening']),
      `the indicator showed ${JSON.stringify(indicator.seen)}`,
      { timeout: CALL_TIMEOUT },
    );
    indicator.stop();
    expect(calls.agentStates).to.include('thinking');
    const typed = shownMessages(el).filter((message) => message.role === 'user');
    expect(typed.map((message) => message.text)).to.deep.equal(['What are your hours?']);
    expect(calls.errors).to.deep.equal([]);
  });

  it('mutes and unmutes the microphone (aria-pressed)', async () => {
    const { el, calls } = await mount();
    await callAndConnect(el);
    expect(muteButton(el)?.getAttribute('aria-pressed')).to.equal('false');
    muteButton(el)!.click();
    await waitUntil(() => muteButton(el)?.getAttribute('aria-pressed') === 'true', 'not muted');
    muteButton(el)!.click();
    await waitUntil(() => muteButton(el)?.getAttribute('aria-pressed') === 'false', 'not unmuted');
    expect(calls.states.at(-1)).to.equal('connected');
    expect(calls.errors).to.deep.equal([]);
  });

  it('hangs up, reconciles with the server transcript without duplicates, and a reload shows it', async () => {
    const { el, calls, namespace } = await mount();
    await callAndConnect(el);
    await untilFinalMessage(el, GREETING);
    typeAndSend(el, 'Remember me');
    await untilFinalMessage(el, replyTo('Remember me'));

    micButton(el).click();
    await untilCallShows(el, 'ended');
    expect(shadow(el).querySelector('.call-state')?.textContent).to.equal('Call ended');
    expect(micButton(el).getAttribute('part')).to.include('start-button');
    const conversationId = calls.created[0]!;
    const server = await serverTranscript(conversationId);
    expect(server.map((message) => message.content)).to.deep.equal([
      GREETING,
      'Remember me',
      replyTo('Remember me'),
    ]);
    // Reconciled: every message on show is the server's copy, each once.
    const serverIds = server.map((message) => message.id);
    await waitUntil(
      () => {
        const ids = [...shadow(el).querySelectorAll('[part~="message"]')].map((node) =>
          node.getAttribute('data-message-id'),
        );
        return JSON.stringify(ids) === JSON.stringify(serverIds);
      },
      'the messages on show never became the server transcript',
      { timeout: CALL_TIMEOUT },
    );
    expect(shownMessages(el).map((message) => message.text)).to.deep.equal(
      server.map((message) => message.content),
    );

    // A reload: a fresh element for the same namespace, the server unreachable, shows it all
    // from IndexedDB.
    el.parentElement?.remove();
    await control('/control/faults', {
      route: 'GET /v1/conversations/:id',
      count: 50,
      status: 503,
    });
    const reloaded = await mount({ namespace });
    await waitUntil(
      () => shownMessages(reloaded.el).length === 3,
      'the reloaded widget shows the conversation',
      { timeout: CALL_TIMEOUT },
    );
    expect(shownMessages(reloaded.el)).to.deep.equal([
      { role: 'assistant', text: GREETING, interim: false },
      { role: 'user', text: 'Remember me', interim: false },
      { role: 'assistant', text: replyTo('Remember me'), interim: false },
    ]);
  });
});
