import { expect, waitUntil } from '@open-wc/testing';
import { formatElapsed } from '../../src/controllers/call-timer-controller.js';
import { mountWidget, part, shadow, untilCallState } from './widget.js';

const elapsed = (el: HTMLElement & { shadowRoot: ShadowRoot | null }) =>
  el.shadowRoot!.querySelector('.call-timer .elapsed')?.textContent ?? '';

describe('<krosai-conversation> call timer', () => {
  it('counts a voice call in the status line, outside the announced status, and stops after it', async () => {
    const { el } = await mountWidget();
    expect(part(el, 'call-timer')).to.equal(null);
    await el.start();
    await untilCallState(el, 'connected');
    const timer = part(el, 'call-timer')!;
    expect(timer.getAttribute('role')).to.equal('timer');
    // Not inside the role="status" region, so it is never read out as it ticks.
    expect(timer.closest('[role="status"]')).to.equal(null);
    expect(timer.textContent).to.include('Call time');
    await waitUntil(() => elapsed(el) === '0:00', 'the timer never started at 0:00');
    await waitUntil(() => elapsed(el) === '0:01', 'the timer never reached 0:01', {
      timeout: 5000,
    });
    await expect(el).to.be.accessible();
    await el.end();
    await untilCallState(el, 'ended');
    expect(part(el, 'call-timer')).to.equal(null);
  });

  it('shows no timer in a text conversation', async () => {
    const { el } = await mountWidget();
    await el.send('Hello');
    await untilCallState(el, 'connected');
    expect(shadow(el).querySelector('.call-timer')).to.equal(null);
  });

  it('writes the digits of the language, with hours past an hour', () => {
    expect(formatElapsed(65_000, 'en')).to.equal('1:05');
    expect(formatElapsed(3_725_000, 'de')).to.equal('1:02:05');
    expect(formatElapsed(65_000, 'ar-EG')).to.equal('١:٠٥');
  });
});
