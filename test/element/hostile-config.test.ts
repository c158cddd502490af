import { expect, waitUntil } from '@open-wc/testing';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import {
  callStateText,
  messageTexts,
  mountWidget,
  part,
  seedHistory,
  shadow,
  uniqueNamespace,
  untilCallState,
} from './widget.js';

// What a site hands the element from script, wrong: string overrides, text properties and a
// message renderer that are not what they should be (loaded from JSON or a CMS, say). Defaults
// stand in, nothing renders as markup, and no method rejects into the page.

const callLabel = (el: KrosaiConversation) => part(el, 'mic-button')!.textContent!.trim();

/** A TemplateResult as Lit trusts one (strings with `raw`): it would render its markup. */
function trustedTemplateShape() {
  const markup = ['<b class="pwned">x</b>'] as string[] & { raw?: string[] };
  markup.raw = [...markup];
  return { _$litType$: 1, strings: markup, values: [] };
}

describe('<krosai-conversation> given hostile configuration', () => {
  it('ignores string overrides that are not strings: defaults shown, nothing rendered as markup', async () => {
    const { el } = await mountWidget();
    el.strings = {
      ...JSON.parse(
        '{"startCall": {"_$litType$": 1, "strings": ["<b>x</b>"], "values": []}, "emptyState": 42,' +
          ' "call": {"idle": null}, "errors": [], "__proto__": {"startCall": "polluted"}}',
      ),
      showMore: trustedTemplateShape(),
      agentStates: 'listening',
    } as never;
    expect(await el.updateComplete).to.be.a('boolean');
    expect(callLabel(el)).to.equal('Start voice call');
    expect(callStateText(el)).to.equal('Ready');
    expect(shadow(el).querySelector('.pwned, b')).to.equal(null);
    expect(await el.start()).to.equal(true);
  });

  it('takes a text property that is not a string (label, locale, namespace, session-url) for none', async () => {
    const { el } = await mountWidget();
    el.label = trustedTemplateShape() as never;
    el.locale = 42 as never;
    el.namespace = { name: 'x' } as never;
    el.sessionUrl = 7 as never;
    expect(await el.updateComplete).to.be.a('boolean');
    expect(shadow(el).querySelector('h2')!.textContent!.trim()).to.equal('Talk to us');
    expect(shadow(el).querySelector('#panel')!.getAttribute('aria-label')).to.equal('Talk to us');
    expect(shadow(el).querySelector('.pwned, b')).to.equal(null);
    expect(await el.start()).to.equal(true);
  });

  it('shows plain text when the site renderer returns something Lit refuses to render, and no method rejects', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `c-${namespace}`, status: 'completed' }, [
      { role: 'assistant', text: 'still readable' },
    ]);
    const { el, voice } = await mountWidget({ namespace });
    // A TemplateResult-shaped object without `raw` (what JSON would give): Lit throws on it.
    el.messageRenderer = () => ({ _$litType$: 1, strings: ['<b>x</b>'], values: [] });
    expect(await el.updateComplete).to.be.a('boolean');
    expect(await el.start()).to.equal(true);
    await untilCallState(el, 'connected');
    // Renders go on, the messages as plain text: a new one shows.
    voice.last.transcript({ segmentId: 'after', text: 'new words', final: true });
    await waitUntil(() => messageTexts(el).includes('new words'), 'rendering never recovered', {
      timeout: 10000,
    });
    expect(part(el, 'message')!.querySelector('b')).to.equal(null);
  });

  it('allows no link host for a link-hosts that is not text or a list of names, and keeps every word', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `c-${namespace}`, status: 'completed' }, [
      { role: 'assistant', text: 'See https://example.com/a and https://evil.test/b' },
    ]);
    const { el } = await mountWidget({ namespace });
    const links = () => [...part(el, 'message')!.querySelectorAll('a')].map((a) => a.textContent);
    await waitUntil(() => links().length === 2, 'no links to begin with');

    // An object String() cannot even convert: no host allowed, nothing thrown.
    el.linkHosts = Object.create(null) as never;
    expect(await el.updateComplete).to.be.a('boolean');
    expect(links()).to.deep.equal([]);
    expect(messageTexts(el)).to.deep.equal(['See https://example.com/a and https://evil.test/b']);

    el.linkHosts = ['example.com'] as never;
    await el.updateComplete;
    expect(links()).to.deep.equal(['https://example.com/a']);

    el.exportFormat = { toString: () => 'html' } as never;
    expect(await el.updateComplete).to.be.a('boolean');
    expect(part(el, 'download-button'), 'the download button stays').to.exist;
    expect((await el.exportTranscript())?.name).to.match(/\.txt$/);
  });
});
