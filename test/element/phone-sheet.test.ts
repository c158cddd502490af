import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { mountWidget, part, shadow } from './widget.js';

/** A finger's tap: pointer events of type touch, then the click they make. */
function tap(target: HTMLElement) {
  const init = { bubbles: true, composed: true, pointerType: 'touch', isPrimary: true };
  target.dispatchEvent(new PointerEvent('pointerdown', init));
  target.dispatchEvent(new PointerEvent('pointerup', init));
  target.click();
}

const panel = (el: KrosaiConversation) => shadow(el).querySelector<HTMLElement>('#panel')!;
const focused = (el: KrosaiConversation) => shadow(el).activeElement;

describe('<krosai-conversation> on a phone: the launcher panel as a full-screen sheet', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('opens full screen, keeps focus and scrolling inside, stays above the keyboard, and gives focus back', async () => {
    await setViewport({ width: 390, height: 844 });
    const { el } = await mountWidget({ layout: 'launcher' });
    tap(part(el, 'launcher')!);
    await waitUntil(() => el.open && panel(el).classList.contains('sheet'), 'no sheet');
    await el.updateComplete;
    const rect = panel(el).getBoundingClientRect();
    expect([rect.left, rect.top, rect.width, rect.height]).to.deep.equal([0, 0, 390, 844]);
    expect(panel(el).getAttribute('role')).to.equal('dialog');
    expect(panel(el).getAttribute('aria-modal')).to.equal('true');
    expect(document.documentElement.style.overflow).to.equal('hidden');
    expect(part(el, 'expand-button')).to.equal(null);
    await expect(el).to.be.accessible();

    // Tab wraps around inside the sheet, both ways.
    const close = part(el, 'close-button')!;
    const send = part(el, 'send-button')!;
    send.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(part(el, 'history-button'));
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(el)).to.equal(send);

    // The on-screen keyboard takes the bottom of the screen: the visual viewport shrinks, and the
    // sheet, with its composer, fits in what is left.
    await setViewport({ width: 390, height: 500 });
    await waitUntil(
      () => panel(el).getBoundingClientRect().height === window.visualViewport!.height,
      'the sheet did not follow the visual viewport',
    );
    const composer = part(el, 'composer')!.getBoundingClientRect();
    expect(composer.bottom).to.be.at.most(window.visualViewport!.height);

    tap(close);
    await waitUntil(() => !el.open, 'the close button did not close');
    await el.updateComplete;
    expect(focused(el)).to.equal(part(el, 'launcher'));
    expect(document.documentElement.style.overflow).to.equal('');
  });

  it('floats on a larger screen, with an expand control that says its state', async () => {
    await setViewport({ width: 1280, height: 800 });
    const { el } = await mountWidget({ layout: 'launcher' });
    await el.show();
    expect(panel(el).classList.contains('sheet')).to.equal(false);
    expect(panel(el).hasAttribute('role')).to.equal(false);
    expect(part(el, 'close-button')).to.equal(null);
    const expand = part(el, 'expand-button')!;
    expect(expand.getAttribute('aria-pressed')).to.equal('false');
    expect(expand.textContent?.trim()).to.equal('Enlarge the conversation');
    const before = panel(el).getBoundingClientRect().width;
    expand.click();
    await el.updateComplete;
    expect(expand.getAttribute('aria-pressed')).to.equal('true');
    expect(panel(el).getBoundingClientRect().width).to.be.greaterThan(before);
    await expect(el).to.be.accessible();
    expand.click();
    await el.updateComplete;
    expect(panel(el).getBoundingClientRect().width).to.equal(before);
    expect(document.documentElement.style.overflow).to.equal('');
  });
});
