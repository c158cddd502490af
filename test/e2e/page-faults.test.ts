// What a page can do to the widget around a live call: take it out and put it back a hundred
// times, and click its call button a thousand times. Against the emulator with the real voice
// code (livekit-client), the scripted agent (fast to join, so the cycles are many).
import { expect, waitUntil } from '@open-wc/testing';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { type PageCounters, pageCounters } from '../helpers/devtools.js';
import { selectAgent } from '../helpers/emulator.js';
import {
  CALL_TIMEOUT,
  GREETING,
  micButton,
  replyTo,
  roomOf,
  shownCallState,
  typeAndSend,
  untilCallShows,
  untilFinalMessage,
  useLiveWidgets,
  visitorsIn,
} from '../helpers/widget-call.js';

const wait = (condition: () => unknown, what: string) =>
  waitUntil(condition, what, { timeout: CALL_TIMEOUT, interval: 50 });

/** Timers the widget (and what it loads) has pending: set and neither fired nor cleared. */
function watchTimers(): { pending(): number; restore(): void } {
  const { setTimeout: set, clearTimeout: clear, setInterval: every, clearInterval: stop } = window;
  const live = new Set<number>();
  // The caller's frame: the test harness (waitUntil, the runner) keeps timers of its own.
  const fromHarness = () =>
    /\/test\/|@open-wc|@web\/|__web-dev-server/.test(
      (new Error().stack ?? '').split('\n')[3] ?? '',
    );
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
    if (fromHarness()) return set(handler, ms, ...rest);
    const id: number = set(
      (...args: unknown[]) => {
        live.delete(id);
        if (typeof handler === 'function') handler(...args);
      },
      ms,
      ...rest,
    );
    live.add(id);
    return id;
  }) as typeof setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) live.delete(id);
    clear(id);
  }) as typeof clearTimeout;
  window.setInterval = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
    if (fromHarness()) return every(handler, ms, ...rest);
    const id = every(handler, ms, ...rest);
    live.add(id);
    return id;
  }) as typeof setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) live.delete(id);
    stop(id);
  }) as typeof clearInterval;
  return {
    pending: () => live.size,
    restore() {
      Object.assign(window, {
        setTimeout: set,
        clearTimeout: clear,
        setInterval: every,
        clearInterval: stop,
      });
    },
  };
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Takes the widget out of the page and puts it back; resolves once it shows its history again. */
async function detachAndReattach(el: KrosaiConversation) {
  const parent = el.parentElement!;
  el.remove();
  parent.append(el);
  await el.updateComplete;
  await untilFinalMessage(el, GREETING);
}

describe('page faults around a live call', function () {
  this.timeout(10 * CALL_TIMEOUT);
  const { mount, liveMicrophoneTracks } = useLiveWidgets();
  beforeEach(() => selectAgent('scripted'));

  it('100 detach and re-attach cycles leave no rooms, tracks, timers, listeners or heap behind', async () => {
    const { el, calls } = await mount();
    const timers = watchTimers();
    try {
      // Cycles with a call: each removal hangs up, and nothing of the call may stay.
      const { LocalAudioTrack, RemoteAudioTrack } = await import('livekit-client');
      const { LiveKitVoiceSession } = await import('../../src/voice/livekit-voice-session.js');
      const { AgentAudio } = await import('../../src/voice/agent-audio.js');
      const callObjects = {
        globals: ['RTCPeerConnection', 'AudioContext', 'HTMLMediaElement', 'WebSocket'],
        prototypes: {
          LiveKitVoiceSession: LiveKitVoiceSession.prototype,
          AgentAudio: AgentAudio.prototype,
          LocalAudioTrack: LocalAudioTrack.prototype,
          RemoteAudioTrack: RemoteAudioTrack.prototype,
        },
      };
      const aliveNow = async () => JSON.stringify((await pageCounters(callObjects)).alive);
      // The first call loads livekit-client, which keeps a few objects of its own for the page.
      let afterFirst = '';
      for (let cycle = 1; cycle <= 5; cycle++) {
        micButton(el).click();
        await untilCallShows(el, 'connected');
        await untilFinalMessage(el, GREETING);
        await detachAndReattach(el);
        await wait(async () => (await visitorsIn(roomOf(calls))) === 0, 'the call stayed');
        await wait(() => liveMicrophoneTracks().length === 0, 'the microphone still captures');
        await wait(() => shownCallState(el) === 'idle', 'the widget did not come back idle');
        await wait(() => timers.pending() === 0, `timers of call ${cycle} stayed`);
        if (cycle === 1) {
          afterFirst = await aliveNow();
          continue;
        }
        // Teardown finishes in the background: wait for it, then say what stayed.
        await wait(
          async () => (await aliveNow()) === afterFirst,
          'objects of the call stayed',
        ).catch(async () =>
          expect(await aliveNow(), `alive after call ${cycle}`).to.equal(afterFirst),
        );
      }
      expect(JSON.parse(afterFirst)).to.include({
        RTCPeerConnection: 0,
        AudioContext: 0,
        LiveKitVoiceSession: 0,
        AgentAudio: 0,
        LocalAudioTrack: 0,
        RemoteAudioTrack: 0,
      });

      // Then 100 cycles without a call, with the history on show each time, measured after as many
      // to warm up: the engine's own caches and compiled code grow for a while (about 2 MB over
      // the first 100 cycles, then a few hundred bytes a cycle, levelling off).
      for (let cycle = 0; cycle < 100; cycle++) await detachAndReattach(el);
      const start = await pageCounters();
      for (let cycle = 0; cycle < 100; cycle++) await detachAndReattach(el);
      // Reads and writes still in flight hold listeners for a moment (IndexedDB requests): what
      // a leak keeps never goes, what is in flight does.
      const held = (counters: PageCounters) => ({
        listeners: counters.listeners,
        nodes: counters.nodes,
        documents: counters.documents,
      });
      let end = await pageCounters();
      const grew = () => {
        const [now, before] = [held(end), held(start)];
        return Object.keys(now).some(
          (key) => now[key as keyof typeof now] > before[key as keyof typeof before],
        );
      };
      await wait(async () => {
        if (grew()) end = await pageCounters();
        return !grew();
      }, 'grew').catch(() =>
        expect(held(end), 'after 100 cycles, as before them').to.deep.equal(held(start)),
      );
      expect(timers.pending(), 'timers pending after 100 cycles').to.equal(0);
      // A leak of even 3 KB a cycle would show; garbage collection leaves less noise than that.
      expect(end.heapBytes - start.heapBytes, 'heap growth over 100 cycles').to.be.below(300_000);
    } finally {
      timers.restore();
    }
    expect(calls.created).to.have.length(1);
    expect(calls.errors).to.deep.equal([]);
  });

  it('1,000 rapid clicks on the call button: one conversation, no error, and the next click talks', async () => {
    const { el, calls } = await mount();
    // Ten clicks a frame: they land in every state the call goes through.
    for (let click = 0; click < 1000; click++) {
      micButton(el).click();
      if (click % 10 === 9) await nextFrame();
    }
    // Settled: connected, or over; at most one visitor in the one room.
    await wait(
      () => ['connected', 'ended', 'idle'].includes(shownCallState(el)),
      'the call never settled',
    );
    await wait(async () => (await visitorsIn(roomOf(calls))) <= 1, 'more than one visitor');
    if (shownCallState(el) !== 'connected') {
      await wait(async () => (await visitorsIn(roomOf(calls))) === 0, 'a hung-up call stayed');
      micButton(el).click();
      await untilCallShows(el, 'connected');
    }
    expect(calls.created).to.have.length(1);
    expect(await visitorsIn(roomOf(calls))).to.equal(1);
    expect(liveMicrophoneTracks()).to.have.length(1);
    await untilFinalMessage(el, GREETING);
    expect(calls.errors).to.deep.equal([]);
    // The talk goes on (each call of the clicks may have greeted once).
    typeAndSend(el, 'Still there?');
    await untilFinalMessage(el, replyTo('Still there?'));
  });
});
