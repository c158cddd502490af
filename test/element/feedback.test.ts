import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { KrosaiFeedbackEvent } from '../../src/events.js';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { openConversationStore } from '../../src/store/open-store.js';
import {
  mountWidget,
  nextEvent,
  part,
  seedHistory,
  shadow,
  uniqueNamespace,
  untilCallState,
} from './widget.js';

const thumbs = (el: KrosaiConversation, value: 'up' | 'down') => [
  ...shadow(el).querySelectorAll<HTMLButtonElement>(`[part~="feedback-${value}-button"]`),
];

async function storedMessages(conversationId: string) {
  const store = await openConversationStore();
  const page = await store.messages(conversationId);
  store.close();
  return page.messages;
}

async function storedConversation(conversationId: string) {
  const store = await openConversationStore();
  const conversation = await store.getConversation(conversationId);
  store.close();
  return conversation;
}

async function withAgentMessages() {
  const namespace = uniqueNamespace();
  const id = `${namespace}-c`;
  await seedHistory(namespace, { id }, [
    { role: 'user', text: 'Hi' },
    { role: 'assistant', text: 'Hello there' },
    { role: 'assistant', text: 'How can I help?' },
  ]);
  const { el } = await mountWidget({ namespace });
  return { el, id, namespace };
}

describe('Feedback', () => {
  it('shows no thumbs unless the feedback attribute is set', async () => {
    const { el } = await withAgentMessages();
    expect(thumbs(el, 'up')).to.have.length(0);
    el.feedback = true;
    await el.updateComplete;
    // The agent's two messages, not the visitor's.
    expect(thumbs(el, 'up')).to.have.length(2);
    expect(thumbs(el, 'down')).to.have.length(2);
  });

  it('thumbs up and down: an event, stored with the message, kept across page views, taken back', async () => {
    const { el, id, namespace } = await withAgentMessages();
    el.feedback = true;
    await el.updateComplete;
    let event = nextEvent(el, 'krosai-feedback');
    thumbs(el, 'up')[0]!.click();
    const first = (await event) as KrosaiFeedbackEvent;
    expect(first.bubbles && first.composed).to.equal(true);
    expect(first.feedback).to.deep.equal({
      kind: 'message',
      conversationId: id,
      messageId: `seed-${id}-2`,
      value: 'up',
      text: 'Hello there',
    });
    await waitUntil(
      () => thumbs(el, 'up')[0]!.getAttribute('aria-pressed') === 'true',
      'not pressed',
    );
    expect((await storedMessages(id)).map((m) => m.feedback)).to.deep.equal([
      undefined,
      'up',
      undefined,
    ]);

    event = nextEvent(el, 'krosai-feedback');
    thumbs(el, 'down')[1]!.click();
    expect(((await event) as KrosaiFeedbackEvent).feedback).to.include({ value: 'down' });
    await waitUntil(
      () => thumbs(el, 'down')[1]!.getAttribute('aria-pressed') === 'true',
      'not pressed',
    );
    await expect(el).to.be.accessible();

    el.parentElement!.remove();
    const again = await mountWidget({ namespace });
    again.el.feedback = true;
    await again.el.updateComplete;
    expect(thumbs(again.el, 'up').map((b) => b.getAttribute('aria-pressed'))).to.deep.equal([
      'true',
      'false',
    ]);
    expect(thumbs(again.el, 'down').map((b) => b.getAttribute('aria-pressed'))).to.deep.equal([
      'false',
      'true',
    ]);

    event = nextEvent(again.el, 'krosai-feedback');
    thumbs(again.el, 'up')[0]!.click();
    expect(((await event) as KrosaiFeedbackEvent).feedback).to.include({ value: null });
    await waitUntil(
      () => thumbs(again.el, 'up')[0]!.getAttribute('aria-pressed') === 'false',
      'still pressed',
    );
    expect((await storedMessages(id)).map((m) => m.feedback)).to.deep.equal([
      undefined,
      undefined,
      'down',
    ]);
  });

  it('is keyboard operable', async () => {
    const { el } = await withAgentMessages();
    el.feedback = true;
    await el.updateComplete;
    const button = thumbs(el, 'up')[1]!;
    button.focus();
    const event = nextEvent(el, 'krosai-feedback');
    await sendKeys({ press: 'Enter' });
    expect(((await event) as KrosaiFeedbackEvent).feedback).to.include({ value: 'up' });
  });

  it('asks for a 1–5 rating once a call ends; the rating is an event and stored', async () => {
    const { el } = await mountWidget();
    el.feedback = true;
    await el.start();
    await untilCallState(el, 'connected');
    expect(part(el, 'rating')).to.equal(null);
    await el.send('Hello');
    await el.end();
    await untilCallState(el, 'ended');
    await waitUntil(() => part(el, 'rating'), 'no rating asked');
    const choices = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~="rating-button"]')];
    expect(choices.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      '1 out of 5',
      '2 out of 5',
      '3 out of 5',
      '4 out of 5',
      '5 out of 5',
    ]);
    await expect(el).to.be.accessible();
    const event = nextEvent(el, 'krosai-feedback');
    choices[3]!.click();
    const id = el.conversationId!;
    expect(((await event) as KrosaiFeedbackEvent).feedback).to.deep.equal({
      kind: 'rating',
      conversationId: id,
      rating: 4,
    });
    await waitUntil(() => part(el, 'rating-thanks'), 'no thanks');
    await waitUntil(async () => (await storedConversation(id))?.rating === 4, 'rating not stored');
    await expect(el).to.be.accessible();
  });

  it('forwards feedback to the site route with forward-feedback', async () => {
    const { el, id } = await withAgentMessages();
    const sent: Array<{ url: string; body: unknown }> = [];
    const original = window.fetch;
    window.fetch = async (input, init) => {
      const url = String(input);
      if (!url.includes('/feedback')) return original(input, init);
      sent.push({ url, body: JSON.parse(String(init?.body)) });
      return new Response(null, { status: 204 });
    };
    try {
      el.feedback = true;
      el.forwardFeedback = true;
      el.sessionUrl = '/api/krosai';
      await el.updateComplete;
      // Without a session-url route (dev mode) nothing is forwarded; with one it is.
      await waitUntil(() => thumbs(el, 'up').length === 2, 'no thumbs');
      const event = nextEvent(el, 'krosai-feedback');
      thumbs(el, 'up')[0]!.click();
      await event;
      await waitUntil(() => sent.length === 1, 'nothing forwarded');
      expect(sent[0]!.url).to.equal(`/api/krosai/conversations/${encodeURIComponent(id)}/feedback`);
      expect(sent[0]!.body).to.include({ kind: 'message', value: 'up', conversationId: id });
    } finally {
      window.fetch = original;
    }
  });
});
