import { expect } from '@open-wc/testing';
import { emulatorInfo, krosaiFetch, resetEmulator } from '../helpers/emulator.js';

describe('emulator REST: conversations', () => {
  beforeEach(resetEmulator);

  it('creates a conversation from another origin and reads it back', async () => {
    const info = await emulatorInfo();
    expect(new URL(info.url).origin).to.not.equal(location.origin);
    const created = await krosaiFetch('/v1/conversations', {
      method: 'POST',
      body: JSON.stringify({ agent_id: 'agent_demo', title: 'Hello' }),
    });
    expect(created.status).to.equal(201);
    const conversation = await created.json();
    expect(conversation).to.include({ agent_id: 'agent_demo', title: 'Hello', status: 'active' });
    expect(conversation.room_name).to.equal(`conv_${conversation.id}`);
    expect(conversation.room_url).to.equal(info.url.replace('http', 'ws'));
    expect(conversation.token.split('.')).to.have.length(3);

    const read = await krosaiFetch(`/v1/conversations/${conversation.id}`);
    expect(read.status).to.equal(200);
    expect(await read.json()).to.include({ id: conversation.id, status: 'active' });

    const messages = await (
      await krosaiFetch(`/v1/conversations/${conversation.id}/messages`)
    ).json();
    expect(messages).to.have.length(1);
    expect(messages[0]).to.include({ role: 'system', conversation_id: conversation.id });
  });
});
