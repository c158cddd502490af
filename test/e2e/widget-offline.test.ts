import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import type { VoiceSessionFactory } from '../../src/voice/voice-session.js';
import { control, selectAgent } from '../helpers/emulator.js';
import { setOffline } from '../helpers/network.js';
import {
  callAndConnect,
  expectConversationGoesOn,
  GREETING,
  micButton,
  replyTo,
  shownError,
  shownMessages,
  typeAndSend,
  untilCallShows,
  untilErrorShows,
  untilFinalMessage,
  useLiveWidgets,
} from '../helpers/widget-call.js';
import { pause } from '../voice/call-helpers.js';

/**
 * livekit-client notices a stalled signal WebSocket by its ping timeout (15 s from the emulator),
 * then retries; waits on that are longer than a call's.
 */
const OUTAGE_TIMEOUT = 45_000;

/**
 * The real LiveKit session with fewer reconnect attempts than livekit-client's default (about
 * 45 s of them): a network that does not come back ends the call sooner, the same way.
 */
const fewRetries: VoiceSessionFactory = async () => {
  const [{ DefaultReconnectPolicy, Room }, voice] = await Promise.all([
    import('livekit-client'),
    import('../../src/voice/livekit-voice-session.js'),
  ]);
  return voice.createLiveKitVoiceSession({
    createRoom: () =>
      new Room({
        adaptiveStream: false,
        dynacast: false,
        reconnectPolicy: new DefaultReconnectPolicy([0, 300, 1200]),
      }),
  });
};

/** Visitors in every LiveKit room the emulator has. */
async function visitorsInAnyRoom(): Promise<number> {
  const { rooms } = await control<{ rooms: Array<{ participants: Array<{ kind: string }> }> }>(
    '/control/livekit/rooms',
    undefined,
    'GET',
  );
  return rooms.flatMap((room) => room.participants).filter((p) => p.kind === 'user').length;
}

describe('<krosai-conversation> end to end: the network goes offline', function () {
  this.timeout(90_000);
  const { mount, liveMicrophoneTracks } = useLiveWidgets({
    beforeCleanup: () => setOffline(false),
  });
  beforeEach(() => selectAgent('scripted'));

  it('offline before the call: a network error, nothing half-connected; online, the call connects', async () => {
    const { el, calls } = await mount();
    await setOffline(true);
    micButton(el).click();
    await untilErrorShows(el, 'network');
    expect(shownError(el)?.text).to.equal(en.errors.network);
    expect(calls.errors).to.deep.equal(['network']);
    expect(micButton(el).getAttribute('part')).to.include('start-button');
    expect(liveMicrophoneTracks()).to.deep.equal([]);

    await setOffline(false);
    // Nothing reached the server half-way: no conversation, nobody in any room.
    expect(calls.created).to.deep.equal([]);
    expect(await visitorsInAnyRoom()).to.equal(0);
    await callAndConnect(el);
    await untilFinalMessage(el, GREETING);
    expect(shownError(el)).to.equal(undefined);
  });

  it('a blip offline mid-call: the call stays up and goes on', async () => {
    const { el, calls } = await mount();
    await callAndConnect(el);
    await untilFinalMessage(el, GREETING);
    const before = calls.states.length;
    // Shorter than the ping timeout: the signal WebSocket only stalls, then carries on. (Against a
    // real LiveKit server livekit-client also resumes on the browser's `online` event; its probe,
    // HEAD on the server's root, gets a 404 from the emulator, so here the call simply goes on.)
    await setOffline(true);
    await pause(2000);
    await setOffline(false);
    await untilCallShows(el, 'connected');
    expect([[], ['reconnecting', 'connected']]).to.deep.include(calls.states.slice(before));

    typeAndSend(el, 'Back?');
    await untilFinalMessage(el, replyTo('Back?'));
    expect(shownMessages(el).map((message) => message.text)).to.deep.equal([
      GREETING,
      'Back?',
      replyTo('Back?'),
    ]);
    expect(calls.errors).to.deep.equal([]);
  });

  it('offline mid-call for longer: reconnecting while offline, then back online the call goes on', async () => {
    const { el, calls } = await mount();
    await callAndConnect(el);
    await untilFinalMessage(el, GREETING);
    const before = calls.states.length;
    await setOffline(true);
    // The visitor is told while still offline.
    await untilCallShows(el, 'reconnecting', OUTAGE_TIMEOUT);
    await setOffline(false);
    await untilCallShows(el, 'connected');
    expect(calls.states.slice(before)).to.deep.equal(['reconnecting', 'connected']);

    await expectConversationGoesOn(el, calls);
  });

  it('offline for good: the call ends with connection-lost, the microphone stops; online, the visitor calls again', async () => {
    const { el, calls } = await mount({ voiceSessionFactory: fewRetries });
    await callAndConnect(el);
    await setOffline(true);
    await untilCallShows(el, 'ended', OUTAGE_TIMEOUT);
    await untilErrorShows(el, 'connection-lost');
    expect(shownError(el)?.text).to.equal(en.errors['connection-lost']);
    expect(calls.errors).to.deep.equal(['connection-lost']);
    expect(micButton(el).getAttribute('part')).to.include('start-button');
    expect(liveMicrophoneTracks()).to.deep.equal([]);

    await setOffline(false);
    await callAndConnect(el);
    expect(shownError(el)).to.equal(undefined);
    expect(calls.created.length).to.equal(1);
  });
});
