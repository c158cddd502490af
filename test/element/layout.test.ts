import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mountWidget, part, uniqueNamespace, untilCallState } from './widget.js';

const panel = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLElement>('#panel')!;
const activeInShadow = (el: HTMLElement) => el.shadowRoot!.activeElement;

describe('<krosai-conversation> layouts', () => {
  beforeEach(() => sessionStorage.clear());

  it('inline mode shows the panel in the page, without a launcher', async () => {
    const { el } = await mountWidget({ layout: 'inline' });
    expect(part(el, 'launcher')).to.equal(null);
    expect(panel(el).hidden).to.equal(false);
    expect(getComputedStyle(panel(el)).position).to.equal('static');
  });

  it('launcher mode opens a floating panel, and Escape closes it and returns focus', async () => {
    const { el } = await mountWidget({ layout: 'launcher' });
    const launcher = part(el, 'launcher')!;
    expect(panel(el).hidden).to.equal(true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    launcher.click();
    await waitUntil(() => !panel(el).hidden, 'panel did not open');
    expect(el.hasAttribute('open')).to.equal(true);
    expect(getComputedStyle(panel(el)).position).to.equal('fixed');
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => activeInShadow(el) === part(el, 'mic-button'), 'focus not moved in');

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => panel(el).hidden, 'Escape did not close the panel');
    expect(activeInShadow(el)).to.equal(launcher);
    expect(el.hasAttribute('open')).to.equal(false);
  });

  it('remembers the open state for this tab', async () => {
    const namespace = uniqueNamespace();
    const first = await mountWidget({ layout: 'launcher', namespace });
    await first.el.show();
    first.el.remove();
    const second = await mountWidget({ layout: 'launcher', namespace });
    expect(second.el.open).to.equal(true);
    expect(panel(second.el).hidden).to.equal(false);
    await second.el.hide();
    const third = await mountWidget({ layout: 'launcher', namespace });
    expect(third.el.open).to.equal(false);
  });

  it('counts agent messages that arrive while closed on a badge, cleared on opening', async () => {
    const { el, voice } = await mountWidget({ layout: 'launcher' });
    await el.start();
    await untilCallState(el, 'connected');
    voice.last.transcript({ segmentId: 'u', role: 'user', text: 'Mine' });
    voice.last.transcript({ segmentId: 'a1', text: 'One' });
    voice.last.transcript({ segmentId: 'a2', text: 'Two' });
    await waitUntil(() => part(el, 'badge')?.textContent === '2', 'no badge of 2');
    expect(part(el, 'launcher')!.getAttribute('aria-label')).to.equal(
      'Open the conversation (2 new messages)',
    );
    await el.show();
    expect(part(el, 'badge')).to.equal(null);
  });

  it('follows the open attribute set by the page', async () => {
    const { el } = await mountWidget({ layout: 'launcher' });
    el.setAttribute('open', '');
    await el.updateComplete;
    expect(panel(el).hidden).to.equal(false);
  });
});
