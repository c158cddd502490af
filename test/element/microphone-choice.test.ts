import { expect, waitUntil } from '@open-wc/testing';
import { mountWidget, part, untilCallState } from './widget.js';

/**
 * Chromium's fake capture (--use-fake-device-for-media-stream) lists three inputs: "Fake Default
 * Audio Input" (id `default`), "Fake Audio Input 1" and "Fake Audio Input 2". Their names show
 * only once the page may use the microphone, so each test first asks for it, as a visitor's
 * earlier call would have.
 */
async function grantMicrophone() {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  for (const track of stream.getTracks()) track.stop();
}

const select = (el: HTMLElement & { shadowRoot: ShadowRoot | null }) =>
  el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="microphone-select"]');

async function pick(el: HTMLElement & { shadowRoot: ShadowRoot | null }, label: string) {
  const list = select(el)!;
  const option = [...list.options].find((candidate) => candidate.text.trim() === label)!;
  list.value = option.value;
  list.dispatchEvent(new Event('change'));
  return option.value;
}

describe('<krosai-conversation> microphone choice', () => {
  before(grantMicrophone);

  it('picks a microphone before and during a call, remembers it for the site, and says when it falls back', async () => {
    const { el, voice, namespace } = await mountWidget();
    await waitUntil(() => select(el), 'no microphone picker although permission exists');
    const labels = [...select(el)!.options].map((option) => option.text.trim());
    expect(labels).to.include.members(['Fake Audio Input 1', 'Fake Audio Input 2']);
    expect(select(el)!.labels?.[0]?.textContent).to.equal('Microphone');
    await expect(el).to.be.accessible();

    // Before the call: the choice goes with the connect.
    const second = await pick(el, 'Fake Audio Input 2');
    await el.start();
    await untilCallState(el, 'connected');
    expect(voice.last.connectOptions[0]!.microphoneDeviceId).to.equal(second);

    // During it: switched in place.
    const first = await pick(el, 'Fake Audio Input 1');
    await waitUntil(() => voice.last.deviceSwitches.length === 1, 'never switched');
    expect(voice.last.deviceSwitches).to.deep.equal([first]);
    await el.updateComplete;
    expect(select(el)!.value).to.equal(first);

    // Unplugged: the notice, announced politely, and the default on show.
    voice.last.unplugMicrophone();
    await waitUntil(() => part(el, 'microphone-notice'), 'no notice after the fallback');
    expect(part(el, 'microphone-notice')!.getAttribute('role')).to.equal('status');
    expect(part(el, 'microphone-notice')!.textContent).to.include('disconnected');
    expect(select(el)!.value).to.equal('default');
    await expect(el).to.be.accessible();
    await el.end();

    // The next page view of the site starts with the remembered microphone.
    const again = await mountWidget({ namespace });
    await waitUntil(() => select(again.el), 'no picker on the next page view');
    await again.el.updateComplete;
    expect(select(again.el)!.value).to.equal(first);
    await again.el.start();
    expect(again.voice.last.connectOptions[0]!.microphoneDeviceId).to.equal(first);
  });

  it('forgets nothing but calls with the default when the remembered microphone is gone', async () => {
    const { namespace } = await mountWidget();
    localStorage.setItem(`krosai-conversation:microphone:${namespace}`, 'unplugged-headset');
    const { el, voice } = await mountWidget({ namespace });
    await el.start();
    await untilCallState(el, 'connected');
    expect(voice.last.connectOptions[0]!.microphoneDeviceId).to.equal(undefined);
    expect(localStorage.getItem(`krosai-conversation:microphone:${namespace}`)).to.equal(
      'unplugged-headset',
    );
  });

  it('is localized', async () => {
    const { el } = await mountWidget({ locale: 'fr' });
    await waitUntil(() => select(el)?.labels?.[0]?.textContent === 'Microphone', 'no picker');
    const es = await mountWidget({ locale: 'es' });
    await waitUntil(() => select(es.el)?.labels?.[0]?.textContent === 'Micrófono', 'no picker');
  });
});
