import { expect, waitUntil } from '@open-wc/testing';
import { control, emulatorInfo } from '../helpers/emulator.js';
import { fakeVoice } from '../helpers/fake-voice-session.js';
import {
  completeOnServer,
  messageTexts,
  mountWidget,
  nextEvent,
  part,
  seedHistory,
  serverConversation,
  shadow,
  uniqueNamespace,
  untilCallState,
  untilMessages,
} from './widget.js';

interface EmulatorState {
  conversations: Array<{ id: string }>;
}
const serverConversationCount = async () =>
  (await control<EmulatorState>('/control/state', undefined, 'GET')).conversations.length;

describe('<krosai-conversation> lifecycle', () => {
  it('creates nothing on a page view and a conversation on the first call', async () => {
    const before = await serverConversationCount();
    const { el, voice } = await mountWidget();
    expect(messageTexts(el)).to.deep.equal([]);
    expect(await serverConversationCount()).to.equal(before);

    const created = nextEvent(el, 'krosai-conversation-created');
    const changed = nextEvent(el, 'krosai-conversation-changed');
    part(el, 'mic-button')!.click();
    const { conversation } = await created;
    expect(conversation.agentId).to.equal('agent_demo');
    expect((await changed).conversation?.id).to.equal(conversation.id);
    await untilCallState(el, 'connected');
    expect(voice.last.connectOptions[0]?.token).to.be.a('string');
    expect(await serverConversationCount()).to.equal(before + 1);
  });

  it('shows the stored conversation before the network answers, then reconciles', async () => {
    const remote = await serverConversation([
      { role: 'system', content: 'You are a helpful agent.' },
      { role: 'assistant', content: 'Hello from the server' },
    ]);
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: remote.id }, [{ role: 'user', text: 'Kept locally' }]);
    // The server is slow: the local copy must be on screen long before it answers.
    await control('/control/faults', {
      route: 'GET /v1/conversations/:id',
      delayMs: 3000,
    });
    const { el } = await mountWidget({ namespace });
    expect(messageTexts(el)).to.deep.equal(['Kept locally']);
    await waitUntil(() => messageTexts(el).includes('Hello from the server'), 'no reconcile', {
      timeout: 10000,
    });
    expect(messageTexts(el)).to.not.include('You are a helpful agent.');
  });

  it('keeps a completed conversation readable and starts a new one on the next call', async () => {
    const remote = await serverConversation([{ role: 'assistant', content: 'Old answer' }]);
    await completeOnServer(remote.id);
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: remote.id }, [{ role: 'assistant', text: 'Old answer' }]);
    const { el } = await mountWidget({ namespace });
    await waitUntil(() => part(el, 'notice'), 'conversation never shown as over', {
      timeout: 10000,
    });
    expect(messageTexts(el)).to.deep.equal(['Old answer']);

    const created = nextEvent(el, 'krosai-conversation-created');
    await el.start();
    const { conversation } = await created;
    expect(conversation.id).to.not.equal(remote.id);
    expect(messageTexts(el)).to.deep.equal([]);
  });

  it('starts a new conversation and lists earlier ones newest first, with title and date', async () => {
    const namespace = uniqueNamespace();
    const now = Date.now();
    await seedHistory(namespace, {
      id: `old-${namespace}`,
      title: 'Oldest',
      createdAt: now - 9e6,
      current: false,
      status: 'completed',
    });
    await seedHistory(
      namespace,
      { id: `mid-${namespace}`, title: 'Middle', createdAt: now - 5e6, status: 'completed' },
      [{ role: 'assistant', text: 'Middle text' }],
    );
    const { el } = await mountWidget({ namespace });
    expect(messageTexts(el)).to.deep.equal(['Middle text']);

    const changed = nextEvent(el, 'krosai-conversation-changed');
    part(el, 'new-conversation-button')!.click();
    expect((await changed).conversation).to.equal(null);
    await untilMessages(el, []);

    part(el, 'history-button')!.click();
    // The history is reloaded after the changed event: wait for it, not for the next render.
    const historyItems = () => [...shadow(el).querySelectorAll('[part~="history-item"]')];
    await waitUntil(() => historyItems().length === 2, 'the history never listed both');
    const items = historyItems();
    expect(items.map((item) => item.querySelector('.history-title')?.textContent)).to.deep.equal([
      'Middle',
      'Oldest',
    ]);
    expect(items[0]!.querySelector('time')?.getAttribute('datetime')).to.equal(
      new Date(now - 5e6).toISOString(),
    );

    const picked = nextEvent(el, 'krosai-conversation-changed');
    (items[0] as HTMLButtonElement).click();
    expect((await picked).conversation?.id).to.equal(`mid-${namespace}`);
    await untilMessages(el, ['Middle text']);
  });

  it('follows attribute changes: another namespace shows its own history', async () => {
    const other = uniqueNamespace();
    await seedHistory(other, { id: `c-${other}`, status: 'completed' }, [
      { role: 'assistant', text: 'In the other namespace' },
    ]);
    const { el } = await mountWidget();
    expect(messageTexts(el)).to.deep.equal([]);
    el.namespace = other;
    await untilMessages(el, ['In the other namespace']);
  });

  it('hangs up when removed and restores the view when added again', async () => {
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    voice.last.transcript({ segmentId: 's1', text: 'Agent words' });
    await untilMessages(el, ['Agent words']);
    const parent = el.parentElement!;
    el.remove();
    expect(voice.last.disconnectCount).to.be.greaterThan(0);
    expect(voice.last.listenerCount).to.equal(0);
    parent.append(el);
    await untilMessages(el, ['Agent words']);
    expect(el.shadowRoot!.querySelector('[data-call-state="idle"]')).to.exist;
  });

  it('clears the history of its namespace', async () => {
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: `c-${namespace}`, status: 'completed' }, [
      { role: 'assistant', text: 'Forget me' },
    ]);
    const { el } = await mountWidget({ namespace });
    expect(messageTexts(el)).to.deep.equal(['Forget me']);
    await el.clearHistory();
    await untilMessages(el, []);
    part(el, 'history-button')!.click();
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('[part~="history-item"]').length).to.equal(0);
  });

  it('keeps nothing in IndexedDB with persist="none"', async () => {
    const namespace = uniqueNamespace();
    const { el, voice } = await mountWidget({ namespace });
    el.persist = 'none';
    await el.updateComplete;
    await el.start();
    await untilCallState(el, 'connected');
    voice.last.transcript({ segmentId: 'n', text: 'Not kept' });
    await untilMessages(el, ['Not kept']);
    el.parentElement!.remove();
    const again = await mountWidget({ namespace });
    expect(messageTexts(again.el)).to.deep.equal([]);
  });

  it('shows a conversation another widget of the same site just started', async () => {
    const namespace = uniqueNamespace();
    const first = await mountWidget({ namespace, height: 300 });
    const second = await mountWidget({ namespace, height: 300 });
    await first.el.start();
    await untilCallState(first.el, 'connected');
    first.voice.last.transcript({ segmentId: 'f', text: 'Seen in both' });
    await untilMessages(second.el, ['Seen in both']);
  });

  it('tells the page when it follows a conversation another tab started or picked', async () => {
    const namespace = uniqueNamespace();
    const earlier = `old-${namespace}`;
    await seedHistory(namespace, { id: earlier, status: 'completed', current: false }, [
      { role: 'assistant', text: 'Earlier words' },
    ]);
    // Two widgets, each with its own store on the same database: two tabs of one site.
    const first = await mountWidget({ namespace, height: 300 });
    const second = await mountWidget({ namespace, height: 300 });

    const created = nextEvent(first.el, 'krosai-conversation-created');
    const followed = nextEvent(second.el, 'krosai-conversation-changed');
    await first.el.start();
    const { conversation } = await created;
    expect((await followed).conversation?.id).to.equal(conversation.id);

    const switched = nextEvent(second.el, 'krosai-conversation-changed');
    part(first.el, 'history-button')!.click();
    // The history loads after the messages show (and after the new conversation is created):
    // wait for the entry instead of reading the list after one render.
    const earlierItem = () =>
      [...shadow(first.el).querySelectorAll<HTMLElement>('[part~="history-item"]')].find(
        (item) => item.querySelector('.history-title')?.textContent === 'Earlier chat',
      );
    await waitUntil(earlierItem, 'the earlier conversation is not in the history');
    earlierItem()!.click();
    expect((await switched).conversation?.id).to.equal(earlier);
    await untilMessages(second.el, ['Earlier words']);
  });

  it('continues the stored active conversation when start() comes during page load', async () => {
    const remote = await serverConversation([{ role: 'assistant', content: 'Earlier words' }]);
    const namespace = uniqueNamespace();
    await seedHistory(namespace, { id: remote.id }, [{ role: 'assistant', text: 'Earlier words' }]);
    const { url, apiKey } = await emulatorInfo();
    const voice = fakeVoice();
    const el = document.createElement('krosai-conversation');
    Object.assign(el, { agentId: 'agent_demo', apiBase: url, apiKey, namespace });
    el.voiceSessionFactory = voice.factory;
    let created = false;
    el.addEventListener('krosai-conversation-created', () => {
      created = true;
    });
    document.body.append(el);
    try {
      expect(await el.start()).to.equal(true);
      await untilCallState(el, 'connected');
      expect(created).to.equal(false);
      expect(messageTexts(el)).to.include('Earlier words');
    } finally {
      el.remove();
    }
  });
});
