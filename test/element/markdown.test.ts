import { expect, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { renderMarkdown } from '../../src/markdown/markdown.js';
import { parseLinkHosts } from '../../src/templates/links.js';
import { MARKDOWN_ELEMENTS, MARKDOWN_XSS_PAYLOADS } from '../helpers/markdown-corpus.js';
import { useXssTrap } from '../helpers/xss-corpus.js';
import { mountWidget, seedHistory, shadow, uniqueNamespace } from './widget.js';

const trapped = useXssTrap();

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Everything in `root` that Markdown would not make, or that could run or load anything. */
function foreignIn(root: ParentNode): string[] {
  return [...root.querySelectorAll('*')].flatMap((node) => {
    const found: string[] = [];
    if (!MARKDOWN_ELEMENTS.has(node.localName)) found.push(node.localName);
    for (const name of node.getAttributeNames()) {
      if (name.startsWith('on') || name === 'style' || name === 'src' || name === 'srcdoc') {
        found.push(`${node.localName}[${name}]`);
      }
    }
    if (node.localName === 'a') {
      const anchor = node as HTMLAnchorElement;
      if (!SAFE_PROTOCOLS.has(new URL(anchor.href).protocol)) found.push(`a[href=${anchor.href}]`);
      if (anchor.rel !== 'noopener noreferrer nofollow' || anchor.target !== '_blank') {
        found.push('a without rel/target');
      }
    }
    return found;
  });
}

/** Mounts a widget showing an earlier conversation of agent messages, Markdown rendered. */
async function showAgentMessages(texts: string[], attributes: Record<string, string> = {}) {
  const namespace = uniqueNamespace();
  await seedHistory(
    namespace,
    { id: `${namespace}-md` },
    texts.map((text) => ({ role: 'assistant' as const, text })),
  );
  const { el } = await mountWidget({ namespace });
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await untilMarkdown(el, texts.length);
  return el;
}

const untilMarkdown = (el: KrosaiConversation, count: number) =>
  waitUntil(
    () => shadow(el).querySelectorAll('[part~="message-agent"] .markdown').length === count,
    'Markdown never rendered',
    { timeout: 10000 },
  );

const bubble = (el: KrosaiConversation, n = 0) =>
  shadow(el).querySelectorAll<HTMLElement>('[part~="message-agent"] .markdown')[n]!;

describe('Markdown in agent messages', () => {
  it('renders emphasis, lists, code and links as elements', async () => {
    const el = await showAgentMessages([
      '**Bold** and _italic_ and ~~gone~~ with `code`\n\n- one\n- two\n\n1. first\n2. second\n\n```\nconst a = 1;\n```\n\n> quoted\n\nSee [the docs](https://example.com/docs) or https://example.org.',
    ]);
    const root = bubble(el);
    expect(root.querySelector('strong')?.textContent).to.equal('Bold');
    expect(root.querySelector('em')?.textContent).to.equal('italic');
    expect(root.querySelector('del')?.textContent).to.equal('gone');
    expect(root.querySelector('p code')?.textContent).to.equal('code');
    expect([...root.querySelectorAll('ul li')].map((li) => li.textContent)).to.deep.equal([
      'one',
      'two',
    ]);
    expect(root.querySelectorAll('ol li').length).to.equal(2);
    expect(root.querySelector('pre code')?.textContent).to.equal('const a = 1;');
    expect(root.querySelector('blockquote')?.textContent?.trim()).to.equal('quoted');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.href)).to.deep.equal([
      'https://example.com/docs',
      'https://example.org/',
    ]);
    expect(foreignIn(root)).to.deep.equal([]);
    // Its styles came with the chunk.
    expect(getComputedStyle(root).whiteSpace).to.equal('normal');
    expect(getComputedStyle(root.querySelector('pre')!).whiteSpace).to.equal('pre');
    await expect(el).to.be.accessible();
  });

  it('shows raw HTML as the characters written, and images as their alt text', async () => {
    const el = await showAgentMessages(['Say <b>hi</b> ![a cat](https://example.com/cat.png)']);
    const root = bubble(el);
    expect(root.querySelector('b, img')).to.equal(null);
    expect(root.textContent?.trim()).to.equal('Say <b>hi</b> a cat');
  });

  it('makes links only to http(s) and mailto, and only to the hosts in link-hosts', async () => {
    const el = await showAgentMessages(
      [
        '[a](https://docs.example.com/x) [b](https://evil.test/) [c](mailto:help@example.com) [d](mailto:x@evil.test) [e](javascript:alert(1)) [f](/relative)',
      ],
      { 'link-hosts': 'example.com' },
    );
    const root = bubble(el);
    await waitUntil(() => root.querySelectorAll('a').length === 2, 'the host list never applied');
    expect([...root.querySelectorAll('a')].map((a) => a.textContent)).to.deep.equal(['a', 'c']);
    expect(root.textContent?.trim()).to.equal('a b c d e f');
    el.removeAttribute('link-hosts');
    await waitUntil(() => root.querySelectorAll('a').length === 4, 'every host allowed again');
  });

  it('leaves the visitor’s own messages as plain text', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `${namespace}-u` }, [
      { role: 'user', text: '**not bold**' },
      { role: 'assistant', text: '**bold**' },
    ]);
    const { el } = await mountWidget({ namespace });
    await untilMarkdown(el, 1);
    const user = shadow(el).querySelector('[part~="message-user"] .text')!;
    expect(user.querySelector('strong')).to.equal(null);
    expect(user.textContent).to.equal('**not bold**');
  });

  it('gives way to the site’s messageRenderer', async () => {
    const el = await showAgentMessages(['**bold**']);
    el.messageRenderer = (message) => `custom: ${message.text}`;
    await el.updateComplete;
    const text = shadow(el).querySelector('[part~="message-agent"] .text')!;
    expect(text.classList.contains('markdown')).to.equal(false);
    expect(text.textContent).to.equal('custom: **bold**');
  });
});

describe(`Markdown XSS corpus (${MARKDOWN_XSS_PAYLOADS.length} payloads)`, () => {
  it('renders every payload inert, in the document', () => {
    const host = document.createElement('div');
    document.body.append(host);
    for (const policy of [parseLinkHosts(''), parseLinkHosts('example.com')]) {
      for (const payload of MARKDOWN_XSS_PAYLOADS) {
        render(renderMarkdown(payload, policy), host);
        expect(foreignIn(host), payload).to.deep.equal([]);
      }
    }
    host.remove();
  });

  it('shows every payload inert in the widget', async function () {
    this.timeout(60_000);
    for (let start = 0; start < MARKDOWN_XSS_PAYLOADS.length; start += 45) {
      const batch = MARKDOWN_XSS_PAYLOADS.slice(start, start + 45);
      const el = await showAgentMessages(batch);
      for (const holder of shadow(el).querySelectorAll('.text')) {
        expect(foreignIn(holder)).to.deep.equal([]);
      }
      expect(trapped, 'a payload ran').to.deep.equal([]);
      el.parentElement!.remove();
    }
  });
});
