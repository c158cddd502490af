import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { mountWidget, shadow, untilCallState } from './widget.js';

/**
 * Counts the animation frames the meters and the visualiser schedule (LevelMeterController, told
 * apart by the call's stack: the virtualiser of the message list schedules frames of its own when
 * it lays messages out). No count growing means no main-thread work for them.
 */
function countFrames() {
  const original = window.requestAnimationFrame;
  let scheduled = 0;
  window.requestAnimationFrame = (callback) => {
    if (new Error().stack?.includes('level-meter-controller')) scheduled += 1;
    return original.call(window, callback);
  };
  return {
    get scheduled() {
      return scheduled;
    },
    restore: () => {
      window.requestAnimationFrame = original;
    },
  };
}

/** The browser's own requestAnimationFrame, for the test's waits (the counter does not see them). */
const realFrame = window.requestAnimationFrame.bind(window);

/** Lets `count` frames pass. */
async function frames(count: number) {
  for (let index = 0; index < count; index += 1) {
    await new Promise<void>((resolve) => {
      realFrame(() => resolve());
    });
  }
}

const bars = (el: KrosaiConversation) => [
  ...shadow(el).querySelectorAll<HTMLElement>('[part~="visualiser-bar"]'),
];
const barLevels = (el: KrosaiConversation) =>
  bars(el).map((bar) => Number(bar.style.getPropertyValue('--_level') || 0));

describe('<krosai-conversation> visualiser of the agent voice', () => {
  let counter: ReturnType<typeof countFrames>;
  beforeEach(() => {
    counter = countFrames();
  });
  afterEach(async () => {
    counter.restore();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('moves beside the agent state only while the agent speaks, and schedules no frame when idle', async () => {
    const { el, voice } = await mountWidget();
    // No call: no frame at all.
    await frames(5);
    expect(counter.scheduled).to.equal(0);

    await el.start();
    await untilCallState(el, 'connected');
    await el.mute(true);
    await el.updateComplete;
    expect(bars(el)).to.have.length(5);
    expect(shadow(el).querySelector('[part~="visualiser"]')!.getAttribute('aria-hidden')).to.equal(
      'true',
    );
    // Connected, the visitor muted and the agent listening: nothing to draw.
    const quiet = counter.scheduled;
    await frames(5);
    expect(counter.scheduled).to.equal(quiet);

    voice.last.setAgentState('speaking');
    await waitUntil(() => barLevels(el).every((level) => level === 0.7), 'the bars never moved');
    expect(counter.scheduled).to.be.greaterThan(quiet);
    await expect(el).to.be.accessible();

    // The agent falls silent: the bars rest and the loop stops.
    voice.last.setAgentState('listening');
    await waitUntil(() => barLevels(el).every((level) => level === 0), 'the bars never rested');
    await frames(2);
    const rested = counter.scheduled;
    await frames(5);
    expect(counter.scheduled).to.equal(rested);
  });

  it('draws nothing while the launcher panel is closed, even with the agent speaking', async () => {
    const { el, voice } = await mountWidget({ layout: 'launcher' });
    await el.show();
    await el.start();
    await untilCallState(el, 'connected');
    voice.last.setAgentState('speaking');
    await waitUntil(() => counter.scheduled > 0, 'no frame with the panel open');
    await el.hide();
    await frames(2);
    const closed = counter.scheduled;
    await frames(5);
    expect(counter.scheduled).to.equal(closed);
  });

  it('stays still with prefers-reduced-motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    voice.last.setAgentState('speaking');
    await el.updateComplete;
    await frames(5);
    expect(counter.scheduled).to.equal(0);
    expect(getComputedStyle(shadow(el).querySelector('[part~="visualiser"]')!).display).to.equal(
      'none',
    );
  });
});
