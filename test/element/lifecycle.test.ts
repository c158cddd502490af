import { expect, oneEvent } from '@open-wc/testing';
import { messageTexts, mountWidget, part, untilCallState } from './widget.js';

describe('<krosai-conversation> lifecycle', () => {
  it('creates nothing on a page view and a conversation on the first call', async () => {
    const { el, voice } = await mountWidget();
    expect(messageTexts(el)).to.deep.equal([]);
    const created = oneEvent(el, 'krosai-conversation-created');
    part(el, 'mic-button')!.click();
    const { conversation } = (await created) as KrosaiConversationCreatedEvent;
    expect(conversation.agentId).to.equal('agent_demo');
    await untilCallState(el, 'connected');
    expect(voice.last.connectOptions[0]?.token).to.be.a('string');
  });
});
