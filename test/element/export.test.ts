import { expect, waitUntil } from '@open-wc/testing';
import { marked } from 'marked';
import { XSS_PAYLOADS } from '../helpers/xss-corpus.js';
import {
  mountWidget,
  part,
  seedHistory,
  seedManyMessages,
  shadow,
  uniqueNamespace,
} from './widget.js';

interface JsonTranscript {
  conversation: { id: string; title: string; status: string; createdAt: string };
  messages: Array<{ id: string; role: string; text: string; createdAt: string; state: string }>;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function seeded(
  texts: Array<{ role: 'user' | 'assistant'; text: string }>,
  title = 'Billing',
) {
  const namespace = uniqueNamespace();
  const id = `${namespace}-c`;
  await seedHistory(namespace, { id, title }, texts);
  const { el } = await mountWidget({ namespace });
  return { el, id, namespace };
}

/** Downloads clicked in the page: their file names and contents, the download itself stopped. */
function catchDownloads() {
  const files: Array<Promise<{ name: string; text: string }>> = [];
  const onClick = (event: Event) => {
    const link = event.target as HTMLAnchorElement;
    if (link.localName !== 'a' || !link.download) return;
    event.preventDefault();
    const { download: name, href } = link;
    files.push(fetch(href).then(async (response) => ({ name, text: await response.text() })));
  };
  document.addEventListener('click', onClick, true);
  return { files, stop: () => document.removeEventListener('click', onClick, true) };
}

describe('Transcript export', () => {
  it('exports the shown conversation as text, Markdown and JSON', async () => {
    const { el, id } = await seeded([
      { role: 'user', text: 'Where is my invoice?' },
      { role: 'assistant', text: 'In *Settings*, under Billing.' },
    ]);
    const json = await el.exportTranscript('json');
    expect(json?.type).to.equal('application/json');
    expect(json?.name).to.match(/^transcript-billing-\d{4}-\d{2}-\d{2}\.json$/);
    const parsed = JSON.parse(await json!.text()) as JsonTranscript;
    expect(parsed.conversation.id).to.equal(id);
    expect(parsed.conversation.title).to.equal('Billing');
    expect(parsed.conversation.createdAt).to.match(ISO);
    expect(parsed.messages.map((m) => [m.role, m.text, m.state])).to.deep.equal([
      ['user', 'Where is my invoice?', 'final'],
      ['assistant', 'In *Settings*, under Billing.', 'final'],
    ]);
    for (const message of parsed.messages) expect(message.createdAt).to.match(ISO);

    const text = await (await el.exportTranscript('text'))!.text();
    const lines = text.trimEnd().split('\n');
    expect(lines.slice(0, 2)).to.deep.equal(['Billing', id]);
    expect(lines.at(-2)).to.match(/^\[\d{4}-.+Z\] You: Where is my invoice\?$/);
    expect(lines.at(-1)).to.match(/^\[\d{4}-.+Z\] Agent: In \*Settings\*, under Billing\.$/);

    const markdown = await el.exportTranscript('markdown');
    expect(markdown?.name.endsWith('.md')).to.equal(true);
    const source = await markdown!.text();
    expect(source.startsWith('# Billing\n')).to.equal(true);
    expect(source).to.contain('**Agent**');
    expect(source).to.contain('In \\*Settings\\*, under Billing.');
  });

  it('answers null when there is nothing to export', async () => {
    const { el } = await mountWidget();
    expect(await el.exportTranscript('text')).to.equal(null);
    const other = await seeded([{ role: 'user', text: 'hi' }]);
    expect(await other.el.exportTranscript('json', 'no-such-conversation')).to.equal(null);
    expect(await other.el.exportTranscript('pdf' as 'json')).to.equal(null);
  });

  it('keeps hostile text inert in every format', async () => {
    const payloads = XSS_PAYLOADS.slice(0, 60);
    const { el } = await seeded(
      payloads.map((text, n) => ({ role: n % 2 ? 'user' : 'assistant', text })),
      '<img src=x onerror=__xssTrap()> [t](javascript:__xssTrap())',
    );
    const json = await (await el.exportTranscript('json'))!.text();
    expect(json).not.to.match(/[<>]/);
    const parsed = JSON.parse(json) as JsonTranscript;
    expect(parsed.messages.map((m) => m.text)).to.deep.equal(payloads);

    // Plain text holds the words exactly, and is served as text/plain.
    const text = await el.exportTranscript('text');
    expect(text?.type).to.equal('text/plain;charset=utf-8');
    for (const payload of payloads) expect(await text!.text()).to.contain(payload);

    // Markdown, rendered by a Markdown renderer that passes HTML through, makes no element but
    // headings, paragraphs, emphasis, breaks and code, and the words come back.
    const source = await (await el.exportTranscript('markdown'))!.text();
    const rendered = new DOMParser().parseFromString(
      await marked.parse(source, { async: true }),
      'text/html',
    );
    const made = new Set([...rendered.body.querySelectorAll('*')].map((node) => node.localName));
    expect(
      [...made].filter((name) => !['h1', 'p', 'strong', 'br', 'code'].includes(name)),
    ).to.deep.equal([]);
    const shown = rendered.body.textContent ?? '';
    for (const payload of payloads) {
      for (const line of payload.split(/\r\n|\n/)) expect(shown).to.contain(line.trim());
    }
  });

  it('exports all of a 10,000-message conversation', async function () {
    this.timeout(60_000);
    const namespace = uniqueNamespace();
    const id = `${namespace}-big`;
    await seedManyMessages(namespace, id, 10_000);
    const { el } = await mountWidget({ namespace });
    const parsed = JSON.parse(await (await el.exportTranscript('json'))!.text()) as JsonTranscript;
    expect(parsed.messages.length).to.equal(10_000);
    expect(parsed.messages[0]!.text).to.equal('Message number 0');
    expect(parsed.messages.at(-1)!.text).to.equal('Message number 9999');
    expect(new Set(parsed.messages.map((m) => m.id)).size).to.equal(10_000);
    const text = await (await el.exportTranscript('text', id))!.text();
    expect(text.trimEnd().split('\n').length).to.equal(4 + 10_000);
  });

  it('downloads the shown conversation, and any conversation from the history view', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `${namespace}-old`, title: 'Old one', current: false }, [
      { role: 'user', text: 'old words' },
    ]);
    await seedHistory(namespace, { id: `${namespace}-new`, title: 'New one' }, [
      { role: 'user', text: 'new words' },
    ]);
    const { el } = await mountWidget({ namespace });
    el.setAttribute('export-format', 'markdown');
    const downloads = catchDownloads();
    try {
      await waitUntil(() => part(el, 'download-button'), 'no download button');
      part(el, 'download-button')!.click();
      await waitUntil(() => downloads.files.length === 1, 'nothing downloaded');
      part(el, 'history-button')!.click();
      await waitUntil(
        () => shadow(el).querySelectorAll('[part~="history-download-button"]').length === 2,
        'no download buttons in the history view',
      );
      const buttons = [
        ...shadow(el).querySelectorAll<HTMLElement>('[part~="history-download-button"]'),
      ];
      buttons[1]!.click();
      await waitUntil(() => downloads.files.length === 2, 'the history item was not downloaded');
      const [shown, old] = await Promise.all(downloads.files);
      expect(shown!.name).to.match(/^transcript-new-one-.+\.md$/);
      expect(shown!.text).to.contain('new words');
      expect(old!.name).to.match(/^transcript-old-one-.+\.md$/);
      expect(old!.text).to.contain('old words');
      await expect(el).to.be.accessible();
    } finally {
      downloads.stop();
    }
  });
});
