import { expect, waitUntil } from '@open-wc/testing';
import { openConversationStore } from '../../src/store/open-store.js';
import { HOSTILE_CONTENT } from '../helpers/hostile-content.js';
import {
  AGENT,
  messageTexts,
  mountWidget,
  part,
  seedHistory,
  serverConversation,
  shadow,
  uniqueNamespace,
} from './widget.js';

// Typed text is kept and shown again character for character, whatever it holds: sent, stored in
// IndexedDB, and read back by the next page view.

describe('<krosai-conversation> keeps typed text verbatim', () => {
  for (const [name, content] of HOSTILE_CONTENT) {
    it(`${name} (${content.length} characters) comes back after a reload`, async () => {
      const namespace = uniqueNamespace();
      const first = await mountWidget({ namespace });
      expect(await first.el.send(content)).to.equal(true);
      expect(first.voice.last.sentTexts).to.deep.equal([content]);
      first.el.parentElement!.remove();

      const store = await openConversationStore();
      const current = await store.currentConversation(namespace, AGENT);
      const { messages } = await store.messages(current!.id);
      store.close();
      expect(messages.length).to.equal(1);
      expect(messages[0]!.text.length).to.equal(content.length);
      expect(messages[0]!.text === content, 'stored text differs').to.equal(true);

      const { el } = await mountWidget({ namespace });
      const [shown] = messageTexts(el);
      // Long texts show a part at first (long-messages.test.ts shows the rest): what is shown is
      // the text's beginning, unchanged, and all of it once nothing more is offered.
      expect(content.startsWith(shown!), 'shown text differs').to.equal(true);
      if (!part(el, 'show-more-button')) expect(shown === content).to.equal(true);
      expect(shadow(el).querySelector('[part~="message"] .text *')).to.equal(null);
    });
  }
});

// The other way back: after a reload the server's transcript replaces the tab's live copy of
// what was typed (the agent recorded it from lk.chat). That copy, read over HTTP, validated and
// reconciled into IndexedDB, must be the same text too.
describe("<krosai-conversation> keeps the server's copy of typed text verbatim", () => {
  for (const [name, content] of HOSTILE_CONTENT) {
    it(`${name} comes back from the server's transcript unchanged`, async () => {
      const remote = await serverConversation([{ role: 'user', content }]);
      const namespace = uniqueNamespace();
      await seedHistory(namespace, { id: remote.id }, [{ role: 'user', text: content }]);
      const { el } = await mountWidget({ namespace });
      const store = await openConversationStore();
      try {
        const stored = async () => (await store.messages(remote.id)).messages;
        await waitUntil(
          async () => (await stored()).every((message) => message.origin === 'server'),
          'the server transcript never replaced the live copy',
          { timeout: 10000 },
        );
        const messages = await stored();
        expect(messages.length).to.equal(1);
        expect(messages[0]!.text.length).to.equal(content.length);
        expect(messages[0]!.text === content, 'stored text differs').to.equal(true);
        expect(content.startsWith(messageTexts(el)[0]!), 'shown text differs').to.equal(true);
      } finally {
        store.close();
      }
    });
  }
});
