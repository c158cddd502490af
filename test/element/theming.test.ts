import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { mountWidget, part, shadow } from './widget.js';

const background = (node: Element) => getComputedStyle(node).backgroundColor;

describe('<krosai-conversation> theming', () => {
  it('has light and dark palettes built in', async () => {
    const { el } = await mountWidget();
    el.theme = 'light';
    await el.updateComplete;
    expect(background(part(el, 'panel')!)).to.equal('rgb(255, 255, 255)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(background(part(el, 'panel')!)).to.equal('rgb(24, 24, 29)');
  });

  it('takes --krosai-* custom properties and ::part rules from the page', async () => {
    const wrapper = await fixture<HTMLElement>(html`
      <div>
        <style>
          .branded {
            --krosai-accent: rgb(10, 120, 60);
            --krosai-radius: 3px;
          }
          .branded::part(composer-input) {
            border-color: rgb(200, 0, 0);
          }
        </style>
        <krosai-conversation class="branded" theme="light"></krosai-conversation>
      </div>
    `);
    const el = wrapper.querySelector<KrosaiConversation>('krosai-conversation')!;
    await el.updateComplete;
    expect(background(part(el, 'mic-button')!)).to.equal('rgb(10, 120, 60)');
    expect(getComputedStyle(part(el, 'panel')!).borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(part(el, 'composer-input')!).borderTopColor).to.equal('rgb(200, 0, 0)');
  });

  it('puts slotted content in the header and the empty state', async () => {
    const wrapper = await fixture<HTMLElement>(html`
      <div style="height: 500px">
        <krosai-conversation>
          <span slot="header">Our own heading</span>
          <span slot="empty">Ask us anything</span>
        </krosai-conversation>
      </div>
    `);
    const el = wrapper.querySelector<KrosaiConversation>('krosai-conversation')!;
    // The empty state (and its slot) appears only once the widget knows the history is empty,
    // a few renders after the first: wait for it, not for the first render.
    const slotted = (name: string) =>
      shadow(el).querySelector<HTMLSlotElement>(`slot[name="${name}"]`)?.assignedElements()[0]
        ?.textContent;
    await waitUntil(() => slotted('empty') !== undefined, 'the empty state never showed');
    expect(slotted('header')).to.equal('Our own heading');
    expect(slotted('empty')).to.equal('Ask us anything');
    await expect(el).to.be.accessible();
  });
});
