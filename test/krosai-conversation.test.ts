import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { KrosaiConversation } from '../src/krosai-conversation.js';

describe('<krosai-conversation>', () => {
  it('renders an accessible panel with a microphone button', async () => {
    const el = await fixture<KrosaiConversation>(html`<krosai-conversation></krosai-conversation>`);
    await expect(el).to.be.accessible();
    const button = el.shadowRoot?.querySelector('[part~="mic-button"]');
    expect(button?.textContent?.trim()).to.equal('Start voice call');
  });

  it('reflects agent-id between attribute and property', async () => {
    const el = await fixture<KrosaiConversation>(
      html`<krosai-conversation agent-id="agent-1"></krosai-conversation>`,
    );
    expect(el.agentId).to.equal('agent-1');
    el.agentId = 'agent-2';
    await el.updateComplete;
    expect(el.getAttribute('agent-id')).to.equal('agent-2');
  });

  it('shows the label attribute as its heading and leaves the global title to the page', async () => {
    const el = await fixture<KrosaiConversation>(
      html`<krosai-conversation label="Ask Ada" title="A tooltip"></krosai-conversation>`,
    );
    expect(el.shadowRoot?.querySelector('h2')?.textContent).to.equal('Ask Ada');
    expect(el.shadowRoot?.querySelector('section')?.getAttribute('aria-label')).to.equal('Ask Ada');
    expect(el.title).to.equal('A tooltip');
  });

  it('defines the tag once when the definition is loaded again', async () => {
    const first = customElements.get('krosai-conversation');
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    // A cache-busting query makes the browser evaluate the module a second time.
    await import(/* @vite-ignore */ `../src/define.ts?again=${Date.now()}`);
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    expect(customElements.get('krosai-conversation')).to.equal(first);
  });
});
