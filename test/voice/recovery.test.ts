import { expect, waitUntil } from '@open-wc/testing';
import { LogLevel, setLogLevel } from 'livekit-client';
import { createLiveKitVoiceSession } from '../../src/voice/livekit-voice-session.js';
import type { VoiceSession } from '../../src/voice/voice-session.js';
import { control, createConversation, resetEmulator, selectAgent } from '../helpers/emulator.js';
import {
  connectOptions,
  EventLog,
  failureOf,
  noVisitorLeft,
  pause,
  watchMicrophoneTracks,
  watchUnhandledRejections,
} from './call-helpers.js';

const allStopped = (tracks: MediaStreamTrack[]) =>
  tracks.length > 0 && tracks.every((track) => track.readyState === 'ended');

describe('LiveKitVoiceSession: recovery and limits', () => {
  let session: VoiceSession;
  let log: EventLog;
  let microphone: ReturnType<typeof watchMicrophoneTracks>;
  let rejections: ReturnType<typeof watchUnhandledRejections>;

  beforeEach(async () => {
    await resetEmulator();
    await selectAgent('scripted');
    microphone = watchMicrophoneTracks();
    rejections = watchUnhandledRejections();
    session = createLiveKitVoiceSession();
    log = new EventLog(session);
  });

  afterEach(async () => {
    await session.disconnect();
    microphone.restore();
    // Let late failures of anything the test started surface before looking.
    await pause(100);
    rejections.restore();
    expect(rejections.reasons).to.deep.equal([]);
  });

  it('reports reconnecting after a dropped WebSocket, resumes, and keeps talking', async () => {
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected');
    // An utterance under way when the signal drops is finished after the resume.
    const utterance = { room: conversation.room_name, role: 'user', segmentId: 'SG_across' };
    await control('/control/livekit/transcript', { ...utterance, text: 'half a', final: false });
    await log.waitFor('the interim', (event) => event.type === 'transcript' && !event.update.final);
    const before = log.mark();
    await control('/control/livekit/drop-signal', { room: conversation.room_name });
    await log.waitForCallState('reconnecting', { after: before });
    await log.waitForCallState('connected', { after: before });
    await control('/control/livekit/transcript', { ...utterance, text: 'half a sentence.' });
    await log.waitFor('the final', (event) => event.type === 'transcript' && event.update.final);
    const across = log.transcripts().filter((update) => update.segmentId === 'SG_across');
    expect(across.map(({ text, final, role }) => ({ text, final, role }))).to.deep.equal([
      { text: 'half a', final: false, role: 'user' },
      { text: 'half a sentence.', final: true, role: 'user' },
    ]);

    await session.sendText('still there?');
    await log.waitFor('a reply after the resume', (event) => {
      return event.type === 'transcript' && event.update.text.includes('still there?');
    });
  });

  it('rejoins afresh when the server asks, with the new microphone track still the visitor', async () => {
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected');
    const before = log.mark();
    await control('/control/livekit/force-reconnect', { room: conversation.room_name });
    await log.waitForCallState('reconnecting', { after: before });
    await log.waitForCallState('connected', { after: before, timeout: 30000 });
    // Transcripts of the republished microphone still read as the visitor's.
    await control('/control/livekit/transcript', {
      room: conversation.room_name,
      role: 'user',
      text: 'after the rejoin',
      segmentId: 'SG_after_rejoin',
    });
    const update = await log.waitFor(
      'the user segment',
      (event) => event.type === 'transcript' && event.update.segmentId === 'SG_after_rejoin',
    );
    expect(update.type === 'transcript' && update.update.role).to.equal('user');
  });

  it('ends with reason kicked when the server removes the visitor, releasing the mic', async () => {
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected');
    await control('/control/livekit/kick', { room: conversation.room_name });
    await log.waitForCallState('ended');
    expect(log.callStates().at(-1)).to.deep.equal({ state: 'ended', reason: 'kicked' });
    await waitUntil(() => allStopped(microphone.tracks), 'microphone stopped', { timeout: 15000 });

    // The visitor can call again.
    const again = log.mark();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected', { after: again });
  });

  it('ends with reason room-closed when the server deletes the room', async () => {
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected');
    await resetEmulator(); // deletes every room, telling each page why
    await log.waitForCallState('ended');
    expect(log.callStates().at(-1)).to.deep.equal({ state: 'ended', reason: 'room-closed' });
    await waitUntil(() => allStopped(microphone.tracks), 'microphone stopped', { timeout: 15000 });
  });

  it('refreshes an expired token once through refreshToken', async () => {
    await control('/control/token-ttl', { seconds: 1 });
    const conversation = await createConversation();
    await control('/control/token-ttl', { seconds: 600 });
    await pause(2100); // let the first token expire
    let refreshes = 0;
    const options = connectOptions(conversation);
    await session.connect({
      ...options,
      refreshToken: () => {
        refreshes += 1;
        return options.refreshToken!();
      },
    });
    expect(refreshes).to.equal(1);
    await log.waitForCallState('connected');
  });

  it('fails with token-expired when the refreshed token is rejected too', async () => {
    await control('/control/token-ttl', { seconds: 1 });
    const conversation = await createConversation();
    await pause(2100);
    const stale = conversation.token;
    const error = await failureOf(
      session.connect(connectOptions(conversation, { refreshToken: async () => stale })),
    );
    expect(error?.reason).to.equal('token-expired');
    expect(session.callState).to.equal('error');
    expect(log.errors().map((e) => e.reason)).to.deep.equal(['token-expired']);
    expect(allStopped(microphone.tracks)).to.equal(true);
  });

  it('waits for the agent, then fails with agent-unavailable when it never joins', async () => {
    const conversation = await createConversation();
    await control('/control/livekit/agent-join', { room: conversation.room_name, enabled: false });
    await session.connect(connectOptions(conversation, { agentJoinTimeoutMs: 1500 }));
    expect(session.callState).to.equal('waiting-for-agent');
    await log.waitForCallState('error');
    expect(log.errors().map((e) => e.reason)).to.deep.equal(['agent-unavailable']);
    expect(session.agentState).to.equal('unknown');
    expect(allStopped(microphone.tracks)).to.equal(true);
  });

  it('uses a room URL with a path as given, and falls back to its origin when that fails', async () => {
    const conversation = await createConversation();
    const withRoomPath = `${conversation.room_url}/room/${conversation.room_name}`;
    await session.connect(connectOptions(conversation, { roomUrl: withRoomPath }));
    await log.waitForCallState('connected');
    await session.disconnect();

    // livekit-client keeps retrying a path the server does not know; the session gives up on it.
    const quick = createLiveKitVoiceSession({ roomPathTimeoutMs: 1500 });
    const quickLog = new EventLog(quick);
    const unknownPath = `${conversation.room_url}/no/such/prefix`;
    setLogLevel(LogLevel.error); // its retry loop warns on every round
    try {
      await quick.connect(connectOptions(conversation, { roomUrl: unknownPath }));
      await quickLog.waitForCallState('connected');
    } finally {
      setLogLevel(LogLevel.info);
      await quick.disconnect();
    }
  });

  it('hangs up during connect: connect rejects as aborted, nothing left behind', async () => {
    const conversation = await createConversation();
    const connecting = session.connect(connectOptions(conversation));
    await log.waitForCallState('connecting');
    await session.disconnect();
    const error = await failureOf(connecting);
    expect(error?.reason).to.equal('aborted');
    expect(session.callState).to.equal('ended');
    expect(log.errors()).to.deep.equal([]);
    expect(microphone.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    await pause(500); // a microphone that was still opening must be stopped too
    expect(microphone.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    await noVisitorLeft(conversation.room_name);
  });

  it('stops connecting when the caller aborts its signal', async () => {
    const conversation = await createConversation();
    const abort = new AbortController();
    const connecting = session.connect(connectOptions(conversation, { signal: abort.signal }));
    abort.abort();
    const error = await failureOf(connecting);
    expect(error?.reason).to.equal('aborted');
    expect(session.callState).to.equal('ended');
    await pause(500);
    expect(microphone.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
  });
});
