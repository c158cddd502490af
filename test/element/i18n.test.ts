import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { callStateText, mountWidget, part, shadow } from './widget.js';

const panel = (el: KrosaiConversation) => shadow(el).querySelector<HTMLElement>('#panel')!;
const callLabel = (el: KrosaiConversation) => part(el, 'mic-button')!.textContent!.trim();

describe('<krosai-conversation> languages', () => {
  const cases: Array<[string, string, string]> = [
    ['fr', "Démarrer l'appel vocal", 'Prêt'],
    ['es', 'Iniciar llamada de voz', 'Listo'],
    ['de', 'Sprachanruf starten', 'Bereit'],
    ['ar', 'ابدأ مكالمة صوتية', 'جاهز'],
  ];
  for (const [locale, start, ready] of cases) {
    it(`speaks ${locale}`, async () => {
      const { el } = await mountWidget({ locale });
      // Each language but English is its own chunk, loaded on demand.
      await waitUntil(() => callLabel(el) === start, `no ${locale} strings`);
      expect(callStateText(el)).to.equal(ready);
      expect(panel(el).getAttribute('lang')).to.equal(locale);
      expect(panel(el).getAttribute('dir')).to.equal(locale === 'ar' ? 'rtl' : 'ltr');
      await expect(el).to.be.accessible();
    });
  }

  it('follows the page language when no locale is set, regional tags included', async () => {
    const wrapper = await fixture<HTMLElement>(html`
      <div lang="fr-CA"><krosai-conversation agent-id="a"></krosai-conversation></div>
    `);
    const el = wrapper.querySelector('krosai-conversation')!;
    await waitUntil(() => callLabel(el) === "Démarrer l'appel vocal", 'page language ignored');
    expect(panel(el).getAttribute('lang')).to.equal('fr-CA');
  });

  it('switches language when the locale attribute changes', async () => {
    const { el } = await mountWidget({ locale: 'en' });
    expect(callLabel(el)).to.equal('Start voice call');
    el.setAttribute('locale', 'de');
    await waitUntil(() => callLabel(el) === 'Sprachanruf starten', 'locale change ignored');
  });

  it('lets the site override any string, nested ones included', async () => {
    const { el } = await mountWidget();
    el.strings = { startCall: 'Call us', call: { idle: 'Waiting for you' } };
    await el.updateComplete;
    expect(callLabel(el)).to.equal('Call us');
    expect(callStateText(el)).to.equal('Waiting for you');
  });

  it('uses the label, or a localized default heading', async () => {
    const { el } = await mountWidget({ locale: 'es' });
    await waitUntil(
      () => shadow(el).querySelector('h2')?.textContent === 'Habla con nosotros',
      'no localized title',
    );
    el.label = 'Soporte';
    await el.updateComplete;
    expect(shadow(el).querySelector('h2')?.textContent).to.equal('Soporte');
  });
});
