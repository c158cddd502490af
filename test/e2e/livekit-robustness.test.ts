import { JoinRequest, SignalResponse, WrappedJoinRequest } from '@livekit/protocol';
import { expect } from '@open-wc/testing';
import { type Participant, Room, RoomEvent } from 'livekit-client';
import {
  control,
  createConversation,
  type RoomTicket,
  resetEmulator,
  selectAgent,
} from '../helpers/emulator.js';
import { agentOf, eventually, joinConversation, leave } from './livekit-helpers.js';

/** A `/rtc/v1` URL as livekit-client builds it, with an uncompressed join request and no offer. */
function signalUrl(
  ticket: RoomTicket,
  token: string,
  joinRequest = new JoinRequest({ metadata: 'not livekit-client' }),
): string {
  const wrapped = new WrappedJoinRequest({ joinRequest: joinRequest.toBinary() }).toBinary();
  const base64 = btoa(String.fromCharCode(...wrapped))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  return `${ticket.room_url}/rtc/v1?access_token=${token}&join_request=${base64}`;
}

/** A token for another participant of the same room (`/control/livekit/token`). */
async function tokenFor(room: string, identity: string): Promise<string> {
  return (await control<{ token: string }>('/control/livekit/token', { room, identity })).token;
}

describe('emulator LiveKit: several participants, hostile clients', () => {
  const rooms: Room[] = [];

  beforeEach(resetEmulator);
  beforeEach(() => selectAgent('scripted'));
  afterEach(async () => {
    for (const room of rooms.splice(0)) await leave(room);
  });

  it('survives garbage frames and a malformed join request', async () => {
    const ticket = await createConversation();
    const token = await tokenFor(ticket.room_name, 'rude-client');

    // A malformed join request is refused before the upgrade. (Sockets dropped mid-handshake are
    // covered in test/node/livekit-signal.test.ts: a browser queues its WebSockets per host.)
    const malformed = new WebSocket(
      `${ticket.room_url}/rtc/v1?access_token=${token}&join_request=AAAA`,
    );
    await new Promise((resolve) => malformed.addEventListener('close', resolve));

    // A real signalling connection, then garbage of every kind.
    const socket = new WebSocket(signalUrl(ticket, token));
    socket.binaryType = 'arraybuffer';
    const first = new Promise<SignalResponse>((resolve) =>
      socket.addEventListener('message', (event) =>
        resolve(SignalResponse.fromBinary(new Uint8Array(event.data as ArrayBuffer))),
      ),
    );
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('close', () => reject(new Error('the signal socket closed')));
    });
    expect((await first).message.case).to.equal('join');
    socket.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]));
    socket.send('this is not protobuf');
    socket.send(new Uint8Array(64 * 1024).fill(0xab));
    socket.close();

    // The emulator still serves the same room to a real client, agent and all.
    const room = new Room();
    rooms.push(room);
    await room.connect(ticket.room_url, ticket.token);
    expect((await agentOf(room)).isAgent).to.equal(true);
  });

  it('hosts several participants in one room and keeps rooms apart', async () => {
    const first = await joinConversation();
    rooms.push(first.room);
    const second = new Room();
    rooms.push(second);
    const secondToken = await tokenFor(first.ticket.room_name, 'second-visitor');
    await second.connect(first.ticket.room_url, secondToken);

    await eventually(
      () => first.room.remoteParticipants.has('second-visitor'),
      'the first page sees the second participant',
    );
    expect(second.remoteParticipants.has(first.room.localParticipant.identity)).to.equal(true);
    expect([...second.remoteParticipants.values()].some((p) => p.isAgent)).to.equal(true);

    const received = new Promise<{ text: string; from?: string }>((resolve) =>
      first.room.on(RoomEvent.DataReceived, (payload, participant?: Participant) =>
        resolve({ text: new TextDecoder().decode(payload), from: participant?.identity }),
      ),
    );
    await second.localParticipant.publishData(new TextEncoder().encode('hi first'), {
      reliable: true,
    });
    expect(await received).to.deep.equal({ text: 'hi first', from: 'second-visitor' });

    const other = await joinConversation();
    rooms.push(other.room);
    const agent = await agentOf(other.room);
    expect([...other.room.remoteParticipants.keys()]).to.deep.equal([agent.identity]);
  });

  it('answers validate with 200 for a good token on both paths', async () => {
    const ticket = await createConversation();
    const http = ticket.room_url.replace(/^ws/, 'http');
    for (const path of [
      '/rtc/v1/validate',
      '/rtc/validate',
      `/room/${ticket.room_name}/rtc/v1/validate`,
    ]) {
      const response = await fetch(`${http}${path}?access_token=${ticket.token}`);
      expect(response.status, path).to.equal(200);
    }
  });
});
