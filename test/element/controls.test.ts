import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { KrosaiMessageEvent } from '../../src/events.js';
import {
  callStateText,
  messageTexts,
  mountWidget,
  nextEvent,
  part,
  shadow,
  untilCallState,
  untilMessages,
} from './widget.js';

describe('<krosai-conversation> controls and events', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('reports call and agent state, and shows level meters while connected', async () => {
    const { el, voice } = await mountWidget();
    const states: string[] = [];
    el.addEventListener('krosai-call-state', (event) => states.push(event.state));
    expect(callStateText(el)).to.equal('Ready');
    await el.start();
    await untilCallState(el, 'connected');
    expect(states).to.deep.equal(['connecting', 'waiting-for-agent', 'connected']);
    expect(callStateText(el)).to.equal('Connected');

    const agent = nextEvent(el, 'krosai-agent-state');
    voice.last.setAgentState('thinking');
    expect((await agent).state).to.equal('thinking');
    await el.updateComplete;
    expect(shadow(el).querySelector('.agent-state')?.textContent).to.equal('Thinking…');

    const input = shadow(el).querySelector<HTMLElement>('.level-input')!;
    await waitUntil(() => input.style.getPropertyValue('--_level') === '0.40', 'meter idle');
    expect(
      shadow(el).querySelector<HTMLElement>('.level-output')!.style.getPropertyValue('--_level'),
    ).to.equal('0.70');
  });

  it('keeps the meters still when the visitor prefers reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const input = shadow(el).querySelector<HTMLElement>('.level-input')!;
    expect(input.style.getPropertyValue('--_level')).to.equal('');
    expect(getComputedStyle(shadow(el).querySelector('.levels')!).display).to.equal('none');
  });

  it('mutes with aria-pressed and hangs up with the same button that started the call', async () => {
    const { el, voice } = await mountWidget();
    const call = part(el, 'mic-button')!;
    call.click();
    await untilCallState(el, 'connected');
    expect(call.textContent?.trim()).to.equal('Hang up');
    const mute = part(el, 'mute-button')!;
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    mute.click();
    await waitUntil(() => mute.getAttribute('aria-pressed') === 'true', 'not muted');
    expect(voice.last.muted).to.equal(true);
    await el.mute(false);
    await el.updateComplete;
    expect(mute.getAttribute('aria-pressed')).to.equal('false');

    call.click();
    await untilCallState(el, 'ended');
    expect(voice.last.disconnectCount).to.be.greaterThan(0);
    expect(part(el, 'mic-button')).to.equal(call);
    expect(call.textContent?.trim()).to.equal('Start voice call');
  });

  it('says why the call ended when the visitor did not hang up, and calls again', async () => {
    const { el, voice } = await mountWidget();
    const ends: Array<string | undefined> = [];
    el.addEventListener('krosai-call-state', (event) => {
      if (event.state === 'ended') ends.push(event.reason);
    });
    await el.start();
    await untilCallState(el, 'connected');
    voice.last.endFromServer('kicked');
    await untilCallState(el, 'ended');
    expect(callStateText(el)).to.equal('The agent ended the call.');
    el.locale = 'de';
    await waitUntil(
      () => callStateText(el) === 'Der Agent hat den Anruf beendet.',
      'no German explanation',
    );
    el.locale = 'en';

    expect(await el.start()).to.equal(true);
    await untilCallState(el, 'connected');
    expect(callStateText(el)).to.equal('Connected');
    voice.last.endFromServer('room-closed');
    await untilCallState(el, 'ended');
    expect(callStateText(el)).to.equal('The conversation was closed.');

    await el.start();
    await untilCallState(el, 'connected');
    await el.end();
    await untilCallState(el, 'ended');
    expect(callStateText(el)).to.equal('Call ended');
    expect(ends).to.deep.equal(['kicked', 'room-closed', 'hung-up']);
  });

  it('sends typed text through the call and shows it as the visitor’s message', async () => {
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    const input = part<HTMLInputElement>(el, 'composer-input')!;
    input.value = 'Typed hello';
    const message = nextEvent(el, 'krosai-message');
    part(el, 'send-button')!.click();
    expect(((await message) as KrosaiMessageEvent).message.text).to.equal('Typed hello');
    expect(voice.last.sentTexts).to.deep.equal(['Typed hello']);
    await untilMessages(el, ['Typed hello']);
    expect(part(el, 'message-user')).to.exist;
    expect(input.value).to.equal('');
  });

  it('joins in text, without the microphone, when text is typed with no call; sends it once the agent is there', async () => {
    const { el, voice } = await mountWidget({ voice: { agentJoins: false } });
    expect(shadow(el).querySelector('#composer-hint')?.textContent).to.equal(
      'Your message starts a text conversation; the microphone stays off.',
    );
    const sent = el.send('Before the agent');
    await untilCallState(el, 'waiting-for-agent');
    expect(shadow(el).querySelector('#composer-hint')?.textContent).to.equal(
      'Your message will be sent once the agent has joined.',
    );
    expect(voice.last.sentTexts).to.deep.equal([]);
    voice.last.agentJoin();
    expect(await sent).to.equal(true);
    expect(voice.last.sentTexts).to.deep.equal(['Before the agent']);
    expect(voice.last.connectOptions[0]?.microphone).to.equal(false);
    expect(voice.last.microphoneRequests, 'no permission prompt').to.equal(0);
    expect(el.callMode).to.equal('text');
  });

  it('disables the composer with an explanation when it cannot reach a server', async () => {
    const { el } = await mountWidget({ noServer: true });
    expect(part<HTMLInputElement>(el, 'composer-input')!.disabled).to.equal(true);
    expect(shadow(el).querySelector('#composer-hint')?.textContent).to.equal(
      'Messages cannot be sent right now.',
    );
    const error = nextEvent(el, 'krosai-error');
    expect(await el.start()).to.equal(false);
    expect((await error).reason).to.equal('config');
  });

  it('emits interim transcripts and final messages as events', async () => {
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    const interim = nextEvent(el, 'krosai-transcript');
    voice.last.transcript({ segmentId: 'x', text: 'Partial', final: false });
    const interimEvent = await interim;
    expect(interimEvent.message.state).to.equal('interim');
    expect(interimEvent.bubbles && interimEvent.composed).to.equal(true);
    const final = nextEvent(el, 'krosai-message');
    voice.last.transcript({ segmentId: 'x', text: 'Partial and done' });
    expect((await final).message.text).to.equal('Partial and done');
    await untilMessages(el, ['Partial and done']);
  });

  it('lets the page veto a call with the cancelable before-start event', async () => {
    const { el, voice } = await mountWidget();
    el.addEventListener('krosai-before-start', (event) => event.preventDefault(), { once: true });
    expect(await el.start()).to.equal(false);
    expect(voice.sessions.length).to.equal(0);
    expect(callStateText(el)).to.equal('Ready');
    expect(await el.start()).to.equal(true);
  });

  it('offers to turn the sound on when the browser blocked the agent’s audio', async () => {
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    voice.last.blockAudio();
    await waitUntil(() => part(el, 'audio-button'), 'no sound button');
    part(el, 'audio-button')!.click();
    await waitUntil(() => !part(el, 'audio-button'), 'sound button stays');
    expect(voice.last.startAudioCount).to.equal(1);
  });

  it('never throws from its methods, whatever the state', async () => {
    const { el } = await mountWidget({ noServer: true });
    expect(await el.end()).to.equal(undefined);
    expect(await el.mute(true)).to.equal(false);
    expect(await el.send('')).to.equal(false);
    expect(await el.send('no server')).to.equal(false);
    await el.newConversation();
    await el.clearHistory();
    await el.show();
    await el.hide();
    expect(messageTexts(el)).to.deep.equal([]);
  });
});
