import { expect, waitUntil } from '@open-wc/testing';
import {
  messageTexts,
  mountWidget,
  nextEvent,
  part,
  shadow,
  untilCallState,
  untilMessages,
} from './widget.js';

const hint = (el: HTMLElement) => el.shadowRoot!.querySelector('#composer-hint')?.textContent;

describe('<krosai-conversation> text and voice', () => {
  it('types with a denied microphone: no prompt, replies, voice said unavailable, axe-clean', async () => {
    const { el, voice } = await mountWidget({ voice: { micError: 'mic-denied' } });
    expect(await el.send('Can you read me?')).to.equal(true);
    voice.last.transcript({ segmentId: 'r1', text: 'Loud and clear' });
    await untilMessages(el, ['Can you read me?', 'Loud and clear']);
    expect(voice.last.microphoneRequests).to.equal(0);
    expect(el.matches(':state(text)')).to.equal(true);
    await expect(el).to.be.accessible();

    part(el, 'mic-button')!.click();
    await waitUntil(() => part(el, 'error'), 'the failed microphone was not explained');
    expect(hint(el)).to.equal('Voice is unavailable here; you can keep typing.');
    expect(el.callState).to.equal('connected');
    await expect(el).to.be.accessible();
    expect(await el.send('Still here')).to.equal(true);
    expect(voice.last.sentTexts).to.deep.equal(['Can you read me?', 'Still here']);
  });

  it('turns text into voice with the microphone button and back with hang-up', async () => {
    const { el, voice } = await mountWidget();
    await el.send('First by text');
    part(el, 'mic-button')!.click();
    await waitUntil(() => el.callMode === 'voice', 'never switched to voice');
    await el.updateComplete;
    expect(part(el, 'hangup-button')).to.exist;
    expect(part(el, 'mute-button')).to.exist;
    const back = nextEvent(el, 'krosai-call-state');
    part(el, 'hangup-button')!.click();
    expect((await back).mode).to.equal('text');
    await el.updateComplete;
    expect(el.callState).to.equal('connected');
    expect(part(el, 'start-button')).to.exist;
    expect(voice.sessions.length).to.equal(1);
    expect(messageTexts(el)).to.deep.equal(['First by text']);
  });

  it("offers the agent's voice as a toggle in text, off by default, axe-clean", async () => {
    const { el, voice } = await mountWidget();
    await el.send('Quietly');
    await el.updateComplete;
    const toggle = part(el, 'speaker-button')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    await expect(el).to.be.accessible();
    toggle.click();
    await waitUntil(() => voice.last.speakerEnabled, 'the agent stayed silent');
    await el.updateComplete;
    expect(part(el, 'speaker-button')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('asks the page before joining in text, and says so; a veto sends nothing', async () => {
    const { el, voice } = await mountWidget();
    const asked = nextEvent(el, 'krosai-before-start');
    el.addEventListener('krosai-before-start', (event) => event.preventDefault(), { once: true });
    expect(await el.send('Not yet')).to.equal(false);
    expect((await asked).mode).to.equal('text');
    expect(voice.sessions.flatMap((session) => session.sentTexts)).to.deep.equal([]);
  });

  it('mode="text-only" has no microphone: start() joins in text', async () => {
    const { el, voice } = await mountWidget({ mode: 'text-only' });
    expect(part(el, 'mic-button')).to.equal(null);
    expect(await el.start()).to.equal(true);
    await untilCallState(el, 'connected');
    expect(el.callMode).to.equal('text');
    expect(voice.last.microphoneRequests).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('mode="text-first" puts the text field first when the launcher opens', async () => {
    const { el } = await mountWidget({ layout: 'launcher', mode: 'text-first' });
    await el.show();
    await waitUntil(
      () => shadow(el).activeElement === part(el, 'composer-input'),
      'focus did not go to the text field',
    );
  });

  it('emits ended (reason removed) when the element is moved or removed mid-call', async () => {
    const { el } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    const reasons: Array<string | undefined> = [];
    const onState = (event: GlobalEventHandlersEventMap['krosai-call-state']) => {
      if (event.state === 'ended') reasons.push(event.reason);
    };
    el.addEventListener('krosai-call-state', onState);
    const parent = el.parentElement!;
    parent.append(el);
    expect(reasons, 'moving the element').to.deep.equal(['removed']);
    await el.start();
    await untilCallState(el, 'connected');
    el.remove();
    expect(reasons, 'removing it').to.deep.equal(['removed', 'removed']);
    el.removeEventListener('krosai-call-state', onState);
  });

  it('lets one widget on the page hold the microphone', async () => {
    const first = await mountWidget();
    const second = await mountWidget();
    await first.el.start();
    await untilCallState(first.el, 'connected');
    await second.el.start();
    await untilCallState(second.el, 'connected');
    await waitUntil(() => first.el.callMode === 'text', 'two widgets held the microphone');
    expect(first.voice.last.microphoneEnabled).to.equal(false);
    expect(second.voice.last.microphoneEnabled).to.equal(true);
  });
});
