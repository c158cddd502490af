import { expect } from '@open-wc/testing';
import { ConnectionState, type Room } from 'livekit-client';
import { resetEmulator, roomView, selectAgent } from '../helpers/emulator.js';
import { agentOf, joinConversation, leave } from './livekit-helpers.js';

describe('emulator LiveKit: connect', () => {
  let room: Room | undefined;

  beforeEach(resetEmulator);
  beforeEach(() => selectAgent('scripted'));
  afterEach(async () => {
    await leave(room);
    room = undefined;
  });

  it('lets the real livekit-client join a conversation room with the agent in it', async () => {
    const joined = await joinConversation();
    room = joined.room;
    expect(room.state).to.equal(ConnectionState.Connected);
    expect(room.name).to.equal(joined.ticket.room_name);
    expect(room.localParticipant.identity).to.equal(`visitor_${joined.ticket.id}`);
    const agent = await agentOf(room);
    expect(agent.isAgent).to.equal(true);
    const view = await roomView(joined.ticket.room_name);
    expect(view?.participants.map((p) => p.kind)).to.have.members(['user', 'agent']);
  });
});
