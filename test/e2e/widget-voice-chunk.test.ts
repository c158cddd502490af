import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { resetEmulator, selectAgent } from '../helpers/emulator.js';
import {
  CALL_TIMEOUT,
  type FramedWidget,
  micButton,
  mountFramedWidget,
  roomOf,
  visitorsIn,
} from '../helpers/widget-call.js';

/**
 * The voice chunk (livekit-voice-session.ts and livekit-client) is fetched on the visitor's first
 * hover, focus or click of the microphone, and not before. Each case runs in its own frame: a
 * fresh document, whose module map has not loaded the chunk yet.
 */
const isVoiceCode = (url: string) => /livekit-voice-session|livekit-client/.test(url);
const voiceFetched = (widget: FramedWidget) => widget.resources().some(isVoiceCode);

const untilVoiceFetched = (widget: FramedWidget) =>
  waitUntil(() => voiceFetched(widget), 'the voice chunk was never fetched', { timeout: 15_000 });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('<krosai-conversation> end to end: the voice chunk loads on demand', () => {
  let widget: FramedWidget | undefined;

  beforeEach(async () => {
    await resetEmulator();
    await selectAgent('scripted');
    widget = await mountFramedWidget();
    // The page is loaded and idle: the widget's own modules came, the voice code did not.
    await pause(1000);
    expect(widget.resources().some((url) => url.includes('/src/define.ts'))).to.equal(true);
    expect(widget.resources().filter(isVoiceCode)).to.deep.equal([]);
  });

  afterEach(async () => {
    await resetMouse();
    if (!widget) return;
    const { el, frame, calls } = widget;
    widget = undefined;
    // Removing the element hangs up any call it started.
    el.remove();
    if (calls.created[0]) {
      const room = roomOf(calls);
      await waitUntil(async () => (await visitorsIn(room)) === 0, `${room} emptied`, {
        timeout: CALL_TIMEOUT,
      });
    }
    frame.remove();
  });

  it('is fetched when the pointer moves over the microphone', async () => {
    const { frame, el } = widget!;
    const button = micButton(el);
    button.scrollIntoView({ block: 'center' });
    const inFrame = button.getBoundingClientRect();
    const framed = frame.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [
        Math.round(framed.left + inFrame.left + inFrame.width / 2),
        Math.round(framed.top + inFrame.top + inFrame.height / 2),
      ],
    });
    await untilVoiceFetched(widget!);
    // Only loaded: no call was started.
    expect(widget!.calls.states).to.deep.equal([]);
  });

  it('is fetched when the microphone gets keyboard focus', async () => {
    const { frame, el } = widget!;
    frame.contentWindow!.focus();
    micButton(el).focus();
    await untilVoiceFetched(widget!);
    expect(widget!.calls.states).to.deep.equal([]);
  });

  it('is fetched when the microphone is clicked, and the call starts', async () => {
    micButton(widget!.el).click();
    await untilVoiceFetched(widget!);
    await waitUntil(() => widget!.calls.states.includes('connected'), 'the call never connected', {
      timeout: CALL_TIMEOUT,
    });
  });
});
