import { expect, waitUntil } from '@open-wc/testing';
import { mountWidget, part, untilCallState } from './widget.js';

describe('<krosai-conversation> public API', () => {
  it('tells a late listener the call, agent, microphone and conversation through getters', async () => {
    const { el, voice } = await mountWidget();
    expect([el.callState, el.agentState, el.muted, el.conversationId]).to.deep.equal([
      'idle',
      'unknown',
      false,
      null,
    ]);
    await el.start();
    await untilCallState(el, 'connected');
    expect(el.callState).to.equal('connected');
    expect(el.callMode).to.equal('voice');
    expect(el.agentState).to.equal('listening');
    expect(el.conversationId).to.be.a('string').and.not.equal('');
    await el.mute(true);
    expect(el.muted).to.equal(true);
    voice.last.setAgentState('speaking');
    expect(el.agentState).to.equal('speaking');
    // Read-only: state comes from the call, never from the page.
    expect(() => {
      (el as unknown as { callState: string }).callState = 'ended';
    }).to.throw(TypeError);
  });

  it('offers custom states for styling: the call, the agent, muted, live and its mode', async () => {
    const { el } = await mountWidget();
    expect(el.matches(':state(idle)')).to.equal(true);
    await el.start();
    await untilCallState(el, 'connected');
    await el.updateComplete;
    expect(el.matches(':state(connected):state(live):state(voice)')).to.equal(true);
    expect(el.matches(':state(agent-listening)')).to.equal(true);
    expect(el.matches(':state(idle)')).to.equal(false);
    await el.mute(true);
    await el.updateComplete;
    expect(el.matches(':state(muted)')).to.equal(true);
    await el.end();
    await untilCallState(el, 'ended');
    await el.updateComplete;
    expect(el.matches(':state(ended)')).to.equal(true);
    expect(el.matches(':state(live)')).to.equal(false);
  });

  it('opens and closes the launcher through the open attribute, show() and hide()', async () => {
    const { el } = await mountWidget({ layout: 'launcher' });
    expect(part(el, 'panel')!.hidden).to.equal(true);
    el.setAttribute('open', '');
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(part(el, 'panel')!.hidden).to.equal(false);
    expect(el.matches(':state(open)')).to.equal(true);
    await el.hide();
    expect(el.hasAttribute('open')).to.equal(false);
    expect(part(el, 'panel')!.hidden).to.equal(true);
    await el.show();
    await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'mic-button'), 'no focus');
    expect(el.hasAttribute('open')).to.equal(true);
  });
});
