import { expect, waitUntil } from '@open-wc/testing';
import { nextEvent } from '../element/widget.js';
import { control, selectAgent } from '../helpers/emulator.js';
import {
  CALL_TIMEOUT,
  callAndConnect,
  GREETING,
  micButton,
  mountLiveWidget,
  replyTo,
  roomOf,
  shownError,
  shownMessages,
  typeAndSend,
  untilCallShows,
  untilFinalMessage,
  useLiveWidgets,
  visitorsIn,
} from '../helpers/widget-call.js';

const emptied = (room: string) =>
  waitUntil(async () => (await visitorsIn(room)) === 0, `${room} emptied`, {
    timeout: CALL_TIMEOUT,
  });

describe('<krosai-conversation> end to end: interrupted calls and a full rejoin', () => {
  useLiveWidgets();
  beforeEach(() => selectAgent('scripted'));

  it('hangs up while connecting: the call ends quietly, and the next one connects', async () => {
    const { el, calls } = await mountLiveWidget();
    const connecting = nextEvent(el, 'krosai-call-state');
    micButton(el).click();
    expect((await connecting).state).to.equal('connecting');
    await el.updateComplete;
    // Hung up at once: before the conversation, the microphone or the room are there.
    expect(micButton(el).getAttribute('part')).to.include('hangup-button');
    micButton(el).click();
    await untilCallShows(el, 'ended');
    expect(shownError(el)).to.equal(undefined);
    expect(calls.states).to.not.include('connected');
    expect(calls.errors).to.deep.equal([]);
    if (calls.created[0]) await emptied(roomOf(calls));

    await callAndConnect(el);
    await untilFinalMessage(el, GREETING);
    el.parentElement?.remove();
    await emptied(roomOf(calls));
  });

  it('removed while connecting, it leaves nothing in the room and nothing capturing', async () => {
    const { el, calls } = await mountLiveWidget();
    micButton(el).click();
    await waitUntil(() => calls.created.length === 1, 'no conversation created', {
      timeout: CALL_TIMEOUT,
    });
    el.parentElement?.remove();
    await emptied(roomOf(calls));
    expect(calls.errors).to.deep.equal([]);
  });

  it('rejoins from scratch when the server asks, keeping the transcript', async () => {
    const { el, calls } = await mountLiveWidget();
    await callAndConnect(el);
    await untilFinalMessage(el, GREETING);
    const before = calls.states.length;
    await control('/control/livekit/force-reconnect', { room: roomOf(calls) });
    await waitUntil(
      () => calls.states.slice(before).includes('reconnecting'),
      'never reconnecting',
      { timeout: CALL_TIMEOUT },
    );
    await untilCallShows(el, 'connected');
    typeAndSend(el, 'Back again');
    await untilFinalMessage(el, replyTo('Back again'));
    expect(shownMessages(el).map((message) => message.text)).to.deep.equal([
      GREETING,
      'Back again',
      replyTo('Back again'),
    ]);
    expect(calls.errors).to.deep.equal([]);
    el.parentElement?.remove();
    await emptied(roomOf(calls));
  });
});
