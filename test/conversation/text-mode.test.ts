import { expect, waitUntil } from '@open-wc/testing';
import { openSession } from './harness.js';

const modes = (harness: ReturnType<typeof openSession>) =>
  harness.of('call-state').map((event) => `${event.state}/${event.mode}`);

async function inText(options: Parameters<typeof openSession>[0] = {}) {
  const harness = openSession(options);
  expect(await harness.session.send('Hello by text')).to.equal(true);
  return harness;
}

describe('a conversation in text and voice', () => {
  it('joins the room without the microphone when the visitor types first', async () => {
    const harness = await inText();
    const voice = harness.voice.last;
    expect(voice.connectOptions[0]?.microphone).to.equal(false);
    expect(voice.microphoneRequests, 'no permission prompt').to.equal(0);
    expect(voice.speakerEnabled, "the agent's voice is off in text").to.equal(false);
    expect(modes(harness)).to.deep.equal([
      'connecting/text',
      'waiting-for-agent/text',
      'connected/text',
    ]);
    expect(harness.of('message').map((event) => [event.message.text, event.mode])).to.deep.equal([
      ['Hello by text', 'text'],
    ]);
  });

  it('goes text → voice → text in one room and one conversation', async () => {
    const harness = await inText();
    const { session, voice, api } = harness;
    expect(await session.start()).to.equal(true);
    expect(session.call.mode).to.equal('voice');
    expect(voice.last.microphoneEnabled).to.equal(true);
    expect(voice.last.speakerEnabled).to.equal(true);
    voice.last.transcript({ segmentId: 'v1', role: 'user', text: 'Spoken words' });
    await session.hangUp();
    expect(session.call.state, 'hanging up voice keeps the conversation').to.equal('connected');
    expect(session.call.mode).to.equal('text');
    expect(voice.last.microphoneEnabled).to.equal(false);
    expect(await session.send('Typed again')).to.equal(true);
    expect(voice.sessions.length, 'one room throughout').to.equal(1);
    expect(api.calls.filter((call) => call === 'createConversation').length).to.equal(1);
    expect(modes(harness).slice(-2)).to.deep.equal(['connected/voice', 'connected/text']);
    expect(harness.of('message').map((event) => [event.message.text, event.mode])).to.deep.equal([
      ['Hello by text', 'text'],
      ['Spoken words', 'voice'],
      ['Typed again', 'text'],
    ]);
  });

  it('a denied microphone never stops typing', async () => {
    const harness = await inText({ voice: { micError: 'mic-denied' } });
    const { session } = harness;
    expect(await session.start(), 'voice is refused').to.equal(false);
    expect(session.errors.error?.reason).to.equal('mic-denied');
    expect(session.call.state).to.equal('connected');
    expect(session.call.mode).to.equal('text');
    expect(await session.send('Still typing')).to.equal(true);
    expect(harness.voice.last.sentTexts).to.deep.equal(['Hello by text', 'Still typing']);
  });

  it('types after a voice call failed for want of a microphone', async () => {
    const harness = openSession({ voice: { micError: 'mic-missing' } });
    expect(await harness.session.start()).to.equal(false);
    expect(harness.session.call.state).to.equal('error');
    expect(await harness.session.send('Typing instead')).to.equal(true);
    expect(harness.session.call.mode).to.equal('text');
    expect(harness.voice.last.sentTexts).to.deep.equal(['Typing instead']);
  });

  it('leaves a quiet text room and rejoins it with a fresh token on the next message', async () => {
    const harness = await inText({ textIdleMs: 30 });
    const { session, voice, api } = harness;
    await waitUntil(() => session.call.state === 'ended', 'the quiet room was never left');
    expect(session.call.endReason).to.equal('idle');
    expect(harness.of('error'), 'leaving is not an error').to.deep.equal([]);
    expect(await session.send('Back again')).to.equal(true);
    const rejoin = voice.last.connectOptions[0]!;
    expect(voice.sessions.length).to.equal(2);
    expect(rejoin.token).to.match(/^fresh-/);
    expect(rejoin.microphone).to.equal(false);
    expect(api.calls.filter((call) => call === 'createConversation').length).to.equal(1);
  });

  it('lets one widget on the page hold the microphone: the other goes back to text', async () => {
    const first = await inText();
    await first.session.start();
    expect(first.session.call.mode).to.equal('voice');
    const second = openSession();
    await second.session.start();
    await waitUntil(() => first.session.call.mode === 'text', 'the first kept the microphone');
    expect(first.voice.last.microphoneEnabled).to.equal(false);
    expect(first.session.call.state, 'its text conversation goes on').to.equal('connected');
    expect(second.session.call.mode).to.equal('voice');
    await Promise.all([first.session.end(), second.session.end()]);
  });

  it('says ended, reason removed, before it tears the call down', async () => {
    const harness = openSession();
    await harness.session.start();
    await waitUntil(() => harness.session.call.state === 'connected', 'never connected');
    const voice = harness.voice.last;
    let disconnectsAtEnd = -1;
    const before = harness.events.length;
    const seen = harness.events;
    const push = seen.push.bind(seen);
    seen.push = (...events) => {
      for (const event of events) {
        if (event.type === 'call-state' && event.state === 'ended') {
          disconnectsAtEnd = voice.disconnectCount;
        }
      }
      return push(...events);
    };
    harness.session.close();
    expect(harness.callStates().at(-1)).to.equal('ended:removed');
    expect(disconnectsAtEnd, 'ended came first').to.equal(0);
    expect(voice.disconnectCount).to.be.greaterThan(0);
    expect(harness.events.length).to.be.greaterThan(before);
  });

  it('finalises an interim bubble a hang-up cut short', async () => {
    const harness = openSession();
    await harness.session.start();
    await waitUntil(() => harness.session.call.state === 'connected', 'never connected');
    harness.voice.last.transcript({ segmentId: 'cut', text: 'I was saying', final: false });
    await harness.session.end();
    expect(harness.session.view.messages.map((m) => [m.text, m.state])).to.deep.equal([
      ['I was saying', 'final'],
    ]);
    expect(harness.of('message').map((event) => event.message.text)).to.deep.equal([
      'I was saying',
    ]);
  });

  it("plays the agent's voice in text only when the visitor turns it on", async () => {
    const harness = await inText();
    expect(harness.session.call.speakerOn).to.equal(false);
    await harness.session.setSpeaker(true);
    expect(harness.voice.last.speakerEnabled).to.equal(true);
    expect(harness.session.call.speakerOn).to.equal(true);
  });
});
