import { expect } from '@open-wc/testing';
import {
  ConnectionError,
  ConnectionErrorReason,
  ConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
} from 'livekit-client';
import {
  control,
  createConversation,
  resetEmulator,
  roomView,
  selectAgent,
} from '../helpers/emulator.js';
import {
  agentOf,
  eventually,
  joinConversation,
  leave,
  readTranscription,
} from './livekit-helpers.js';

/** The error `Room.connect` rejects with. */
async function connectError(url: string, token: string): Promise<ConnectionError> {
  const room = new Room();
  try {
    await room.connect(url, token);
  } catch (error) {
    expect(error).to.be.instanceOf(ConnectionError);
    return error as ConnectionError;
  } finally {
    await room.disconnect();
  }
  throw new Error('connect unexpectedly succeeded');
}

/** Waits until a JWT's `exp` has passed (it has second resolution), and a little more. */
async function waitOutToken(token: string): Promise<void> {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const { exp } = JSON.parse(atob(payload)) as { exp: number };
  const wait = Math.max(0, exp * 1000 - Date.now()) + 1100;
  await new Promise((resolve) => setTimeout(resolve, wait));
}

/** Resolves with the first final `lk.transcription` text that contains `part`. */
function finalTranscriptContaining(room: Room, part: string): Promise<string> {
  return new Promise((resolve) => {
    room.registerTextStreamHandler('lk.transcription', (reader) =>
      readTranscription(room, reader, (text, final) => {
        if (final && text.includes(part)) resolve(text);
      }),
    );
  });
}

/** Whether the room has reconnected since this was called. */
function reconnectWatch(room: Room): () => boolean {
  let reconnected = false;
  room.on(RoomEvent.Reconnected, () => {
    reconnected = true;
  });
  return () => reconnected;
}

describe('emulator LiveKit: recovery and refusal', () => {
  let room: Room | undefined;

  beforeEach(resetEmulator);
  beforeEach(() => selectAgent('scripted'));
  afterEach(async () => {
    await leave(room);
    room = undefined;
  });

  it('resumes after a dropped WebSocket, keeping the participant and the chat', async () => {
    const joined = await joinConversation();
    room = joined.room;
    await agentOf(room);
    const sid = room.localParticipant.sid;
    const reconnected = reconnectWatch(room);

    await control('/control/livekit/drop-signal', { room: joined.ticket.room_name });
    await eventually(reconnected, 'the room reconnects');
    expect(room.state).to.equal(ConnectionState.Connected);
    expect(room.localParticipant.sid).to.equal(sid);
    const view = await roomView(joined.ticket.room_name);
    expect(view?.participants.find((p) => p.kind === 'user')?.signalConnected).to.equal(true);

    const reply = finalTranscriptContaining(room, 'still there?');
    await room.localParticipant.sendText('still there?', { topic: 'lk.chat' });
    expect(await reply).to.match(/^You said: "still there\?"/);
  });

  it('resumes after the first token expired, with the token the server refreshed', async () => {
    await control('/control/token-ttl', { seconds: 2 });
    const joined = await joinConversation();
    room = joined.room;
    const reconnected = reconnectWatch(room);
    await waitOutToken(joined.ticket.token);
    await control('/control/livekit/drop-signal', { room: joined.ticket.room_name });
    await eventually(reconnected, 'the room reconnects');
    expect(room.state).to.equal(ConnectionState.Connected);
  });

  it('rejoins as a new participant when the server forces a full reconnect', async () => {
    const joined = await joinConversation();
    room = joined.room;
    const agent = await agentOf(room);
    const sid = room.localParticipant.sid;
    const reconnected = reconnectWatch(room);

    await control('/control/livekit/force-reconnect', { room: joined.ticket.room_name });
    await eventually(reconnected, 'the room reconnects');
    expect(room.localParticipant.sid).to.not.equal(sid);
    expect((await agentOf(room)).identity).to.equal(agent.identity);
  });

  it('ends the call when the server removes the participant', async () => {
    const joined = await joinConversation();
    room = joined.room;
    const disconnected = new Promise<DisconnectReason | undefined>((resolve) =>
      room!.once(RoomEvent.Disconnected, resolve),
    );
    await control('/control/livekit/kick', {
      room: joined.ticket.room_name,
      identity: room.localParticipant.identity,
    });
    expect(await disconnected).to.equal(DisconnectReason.PARTICIPANT_REMOVED);
    expect(room.state).to.equal(ConnectionState.Disconnected);
  });

  it('refuses a bad token with 401 before the WebSocket opens', async () => {
    const ticket = await createConversation();
    const [header, payload] = ticket.token.split('.');
    const forged = `${header}.${payload}.c2lnbmVkLWJ5LXNvbWVvbmUtZWxzZQ`;
    for (const token of ['not-a-token', forged]) {
      const error = await connectError(ticket.room_url, token);
      expect(error.reason).to.equal(ConnectionErrorReason.NotAllowed);
      expect(error.status).to.equal(401);
    }
    const validate = await fetch(
      `${ticket.room_url.replace(/^ws/, 'http')}/rtc/v1/validate?access_token=${forged}`,
    );
    expect(validate.status).to.equal(401);
  });

  it('refuses an expired token', async () => {
    await control('/control/token-ttl', { seconds: 1 });
    const ticket = await createConversation();
    await waitOutToken(ticket.token);
    const error = await connectError(ticket.room_url, ticket.token);
    expect(error.reason).to.equal(ConnectionErrorReason.NotAllowed);
    expect(error.status).to.equal(401);
    expect(error.message).to.contain('expired');
  });
});
