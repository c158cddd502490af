import { expect, waitUntil } from '@open-wc/testing';
import { openSession } from './harness.js';

/** Every move of the call as a whole session sees it, driven by the fake voice session's inputs. */
describe('the call of a conversation session', () => {
  async function connected(options: Parameters<typeof openSession>[0] = {}) {
    const harness = openSession(options);
    expect(await harness.session.start()).to.equal(true);
    await waitUntil(() => harness.session.call.state === 'connected', 'never connected');
    return harness;
  }

  it('idle → connecting → waiting-for-agent → connected, with the agent', async () => {
    const { session, callStates, of } = await connected();
    expect(callStates()).to.deep.equal(['connecting', 'waiting-for-agent', 'connected']);
    expect(session.call.agentState).to.equal('listening');
    expect(of('agent-state').map((event) => event.state)).to.deep.equal(['listening']);
    expect(of('call-state').every((event) => event.mode === 'voice')).to.equal(true);
  });

  it('connected → ended:hung-up when the visitor hangs up, and the server transcript is asked for', async () => {
    const { session, callStates, api, voice } = await connected();
    await session.end();
    expect(callStates().at(-1)).to.equal('ended:hung-up');
    expect(voice.last.disconnectCount).to.be.greaterThan(0);
    await waitUntil(() => api.calls.includes('getMessages'), 'no reconcile after the call');
  });

  it('connected → ended:kicked and ended:room-closed when the server ends it', async () => {
    for (const reason of ['kicked', 'room-closed'] as const) {
      const { session, callStates, voice } = await connected();
      voice.last.endFromServer(reason);
      expect(callStates().at(-1)).to.equal(`ended:${reason}`);
      expect(session.call.endReason).to.equal(reason);
      expect(session.call.live).to.equal(false);
    }
  });

  it('connected → waiting-for-agent when the agent leaves, → connected when it is back', async () => {
    const { session, callStates, voice } = await connected();
    voice.last.agentLeave();
    expect(session.call.state).to.equal('waiting-for-agent');
    voice.last.agentJoin();
    expect(callStates().slice(-2)).to.deep.equal(['waiting-for-agent', 'connected']);
  });

  it('connected → reconnecting → connected when the connection comes back', async () => {
    const { session, callStates, voice } = await connected();
    voice.last.loseConnection();
    expect(session.call.state).to.equal('reconnecting');
    expect(session.call.live).to.equal(true);
    voice.last.resumeConnection();
    expect(callStates().slice(-2)).to.deep.equal(['reconnecting', 'connected']);
  });

  it('reconnecting → ended:connection-lost with an error when it does not', async () => {
    const { session, callStates, voice, of } = await connected();
    voice.last.loseConnection();
    voice.last.dropCall();
    expect(callStates().at(-1)).to.equal('ended:connection-lost');
    expect(of('error').map((event) => event.error.reason)).to.deep.equal(['connection-lost']);
    expect(session.errors.canRetry, 'the visitor may call again').to.equal(true);
  });

  it('connecting → error when joining fails; dismissing it goes back to idle', async () => {
    const { session, callStates, of } = openSession({ voice: { failWith: 'mic-denied' } });
    expect(await session.start()).to.equal(false);
    expect(callStates()).to.deep.equal(['connecting', 'error']);
    expect(of('error').map((event) => event.error.reason)).to.deep.equal(['mic-denied']);
    session.dismissError();
    expect(callStates().at(-1)).to.equal('idle');
  });

  it('error → connecting on retry', async () => {
    const harness = openSession({ voice: { failWith: 'network' } });
    await harness.session.start();
    expect(harness.session.call.state).to.equal('error');
    await harness.session.retry();
    // The fake fails every time: the retry is a new call that fails again.
    expect(harness.callStates()).to.deep.equal([
      'connecting',
      'error',
      'idle',
      'connecting',
      'error',
    ]);
  });

  it('ended → connecting: a second call after the first, in the same conversation', async () => {
    const { session, callStates, api } = await connected();
    await session.end();
    expect(await session.start()).to.equal(true);
    await waitUntil(() => session.call.state === 'connected', 'second call never connected');
    expect(callStates().filter((state) => state === 'connecting').length).to.equal(2);
    expect(api.calls.filter((call) => call === 'createConversation').length).to.equal(1);
  });

  it('connecting → ended:hung-up when the visitor hangs up before the room is joined', async () => {
    const harness = openSession();
    const release = harness.api.hold('createConversation');
    const starting = harness.session.start();
    await waitUntil(() => harness.session.call.state === 'connecting', 'never connecting');
    await harness.session.end();
    release();
    expect(await starting).to.equal(false);
    expect(harness.callStates()).to.deep.equal(['connecting', 'ended:hung-up']);
  });

  it('connecting → ended → connecting: a start hung up on while its code loads does not hold up the next', async () => {
    let arrive = () => {};
    const harness = openSession({ loadHeld: new Promise<void>((resolve) => (arrive = resolve)) });
    const first = harness.session.start();
    await waitUntil(() => harness.session.call.state === 'connecting', 'never connecting');
    await harness.session.end();
    const second = harness.session.start();
    arrive();
    expect(await first).to.equal(false);
    expect(await second).to.equal(true);
    await waitUntil(() => harness.session.call.state === 'connected', 'never connected');
    const [abandoned, joined] = harness.voice.sessions;
    expect(abandoned!.connectOptions, 'the abandoned start never joined').to.deep.equal([]);
    expect(joined!.connectOptions).to.have.length(1);
    expect(harness.callStates()).to.deep.equal([
      'connecting',
      'ended:hung-up',
      'connecting',
      'waiting-for-agent',
      'connected',
    ]);
  });

  it('ignores a late state from the voice session that the table does not allow', async () => {
    const { session, callStates, voice } = await connected();
    voice.last.endFromServer('kicked');
    const before = callStates().length;
    voice.last.endFromServer('room-closed');
    expect(callStates().length, 'ended → ended is no move').to.equal(before);
    expect(session.call.endReason).to.equal('kicked');
  });

  it('makes one call of a double start', async () => {
    const { session, voice } = openSession();
    const [first, second] = await Promise.all([session.start(), session.start()]);
    expect([first, second]).to.deep.equal([true, true]);
    expect(voice.sessions.length).to.equal(1);
  });

  it('does not start when the page vetoes it', async () => {
    const { session, callStates } = openSession({ mayStart: () => false });
    expect(await session.start()).to.equal(false);
    expect(callStates()).to.deep.equal([]);
  });
});
