// Switching microphones in a real call: the real livekit-client against the emulator, on
// Chromium's fake capture, which lists two named inputs besides the default ("Fake Audio Input 1"
// and "Fake Audio Input 2", each opened for real). Unplugging cannot be done to a fake device: the
// fallback is exercised through the track's `ended` event, which Chromium fires when a device goes.
import { expect, waitUntil } from '@open-wc/testing';
import { Room, Track } from 'livekit-client';
import { createLiveKitVoiceSession } from '../../src/voice/livekit-voice-session.js';
import { listMicrophones } from '../../src/voice/microphones.js';
import type { VoiceSession } from '../../src/voice/voice-session.js';
import { createConversation, resetEmulator, roomView, selectAgent } from '../helpers/emulator.js';
import { connectOptions, EventLog } from './call-helpers.js';

describe('LiveKitVoiceSession: the visitor picks the microphone', () => {
  let session: VoiceSession | undefined;

  beforeEach(async () => {
    await resetEmulator();
    await selectAgent('scripted');
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getTracks()) track.stop();
  });

  afterEach(async () => {
    await session?.disconnect();
    session = undefined;
  });

  it('joins on the picked device, switches in place during the call, and falls back when it ends', async () => {
    const devices = await listMicrophones();
    const byLabel = (label: string) => devices.find((device) => device.label === label)!.deviceId;
    const first = byLabel('Fake Audio Input 1');
    const second = byLabel('Fake Audio Input 2');
    const rooms: Room[] = [];
    session = createLiveKitVoiceSession({
      createRoom: () => {
        const room = new Room({ adaptiveStream: false, dynacast: false });
        rooms.push(room);
        return room;
      },
    });
    const log = new EventLog(session);
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation, { microphoneDeviceId: second }));
    await log.waitForCallState('connected');
    const publication = rooms
      .at(-1)!
      .localParticipant.getTrackPublication(Track.Source.Microphone)!;
    const sid = publication.trackSid;
    const capture = () => publication.track!.mediaStreamTrack;
    expect(capture().label).to.equal('Fake Audio Input 2');

    // Switched during the call: the same publication carries the other device.
    const before = log.mark();
    await session.setMicrophoneDevice!(first);
    expect(capture().label).to.equal('Fake Audio Input 1');
    expect(publication.trackSid).to.equal(sid);
    await log.waitFor(
      'the switch reported',
      (event) => event.type === 'microphone-device' && event.deviceId === first && !event.fallback,
      { after: before },
    );
    await waitUntil(() => session!.levels().input > 0, 'the meter never heard the new device');
    const visitor = (await roomView(conversation.room_name))!.participants.find(
      (participant) => participant.kind === 'user',
    )!;
    expect(visitor.microphoneTrackSids).to.deep.equal([sid]);

    // The device goes away (Chromium ends its track): livekit-client restarts on the default and
    // the session says so.
    const beforeFallback = log.mark();
    capture().dispatchEvent(new Event('ended'));
    await log.waitFor(
      'the fallback reported',
      (event) => event.type === 'microphone-device' && event.fallback && !event.deviceId,
      { after: beforeFallback, timeout: 10000 },
    );
    expect(capture().label).to.equal('Fake Default Audio Input');
    expect(capture().readyState).to.equal('live');
    expect(publication.trackSid).to.equal(sid);
    expect(log.errors()).to.deep.equal([]);
  });
});
