import { expect, waitUntil } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { shadow, uniqueNamespace } from '../element/widget.js';
import { resetEmulator, selectAgent } from '../helpers/emulator.js';
import {
  CALL_TIMEOUT,
  callAndConnect,
  type FramedWidget,
  GREETING,
  micButton,
  mountFramedWidget,
  roomOf,
  shownError,
  shownMessages,
  untilCallShows,
  untilErrorShows,
  visitorsIn,
} from '../helpers/widget-call.js';

const retryButton = (widget: FramedWidget) =>
  shadow(widget.el).querySelector<HTMLButtonElement>('[part~="retry-button"]');

describe('<krosai-conversation> end to end: microphone permission and two tabs', () => {
  const frames: FramedWidget[] = [];

  const mount = async (options: Parameters<typeof mountFramedWidget>[0]) => {
    const widget = await mountFramedWidget(options);
    frames.push(widget);
    return widget;
  };

  beforeEach(async () => {
    await resetEmulator();
    await selectAgent('scripted');
  });

  afterEach(async () => {
    const closing = frames.splice(0);
    // Removing the element hangs up: the room empties. (A frame torn down with a call still up
    // would leave the server waiting for the page to resume, as a closed tab does.)
    for (const { el } of closing) el.remove();
    const rooms = new Set(
      closing.flatMap(({ calls }) => (calls.created[0] ? [roomOf(calls)] : [])),
    );
    for (const room of rooms) {
      await waitUntil(async () => (await visitorsIn(room)) === 0, `${room} emptied`, {
        timeout: CALL_TIMEOUT,
      });
    }
    for (const { frame } of closing) frame.remove();
  });

  it('shows the localized mic-blocked error where the microphone is not allowed', async () => {
    const page = await mount({ allow: "microphone 'none'", locale: 'fr' });
    await waitUntil(() => micButton(page.el).textContent?.includes(fr.startCall), 'French text');
    micButton(page.el).click();
    await untilErrorShows(page.el, 'mic-denied');
    expect(shownError(page.el)?.text).to.equal(fr.errors['mic-denied']);
    expect(page.calls.states.at(-1)).to.equal('error');
    expect(micButton(page.el).getAttribute('part')).to.include('start-button');
    // Nothing half-connected is left: the room join that ran beside the microphone is undone.
    await waitUntil(async () => (await visitorsIn(roomOf(page.calls))) === 0, 'no visitor left', {
      timeout: CALL_TIMEOUT,
    });
  });

  it('a second tab learns the call is live elsewhere and can take it over', async () => {
    const namespace = uniqueNamespace();
    const first = await mount({ namespace });
    const second = await mount({ namespace });
    await callAndConnect(first.el);
    // The second tab follows the conversation the first one started (shared IndexedDB).
    await waitUntil(
      () => shownMessages(second.el).some((message) => message.text === GREETING),
      'the second tab shows the conversation',
      { timeout: CALL_TIMEOUT },
    );

    micButton(second.el).click();
    await untilErrorShows(second.el, 'call-elsewhere');
    expect(shownError(second.el)?.text).to.equal(en.errors['call-elsewhere']);
    expect(retryButton(second)?.textContent?.trim()).to.equal(en.takeOver);
    expect(second.calls.created).to.deep.equal([]);
    expect(first.calls.states.at(-1)).to.equal('connected');

    retryButton(second)!.click();
    await untilCallShows(second.el, 'connected');
    await untilCallShows(first.el, 'ended');
    await untilErrorShows(first.el, 'call-elsewhere');
    expect(retryButton(first)?.textContent?.trim()).to.equal(en.takeOver);
    await waitUntil(async () => (await visitorsIn(roomOf(first.calls))) === 1, 'one visitor', {
      timeout: CALL_TIMEOUT,
    });
  });
});
