import { expect, waitUntil } from '@open-wc/testing';
import { loadChunk } from '../../src/chunk-load.js';
import { control } from '../helpers/emulator.js';
import { mountWidget, nextEvent, part, shadow, untilCallState } from './widget.js';

const errorText = (el: HTMLElement) =>
  el.shadowRoot!.querySelector('[part~="error"] p')?.textContent ?? '';

describe('<krosai-conversation> errors', () => {
  it('explains how to allow a blocked microphone, and retries', async () => {
    const { el, voice } = await mountWidget({ voice: { failWith: 'mic-denied' } });
    const error = nextEvent(el, 'krosai-error');
    expect(await el.start()).to.equal(false);
    expect((await error).reason).to.equal('mic-denied');
    await el.updateComplete;
    expect(errorText(el)).to.include('address bar');
    expect(shadow(el).querySelector('[data-call-state="error"]')).to.exist;
    expect(errorText(el)).to.not.match(/at .*\.(ts|js)/);
    await expect(el).to.be.accessible();

    part(el, 'retry-button')!.click();
    await waitUntil(() => voice.sessions.length === 2, 'retry did not try again');
  });

  it('says when the agent is unavailable', async () => {
    const { el } = await mountWidget({ voice: { failWith: 'agent-unavailable' } });
    await el.start();
    await el.updateComplete;
    expect(errorText(el)).to.equal(
      'The agent is not available right now. Try again in a few minutes.',
    );
  });

  it('says when the network is down, in the visitor’s language', async () => {
    const { el } = await mountWidget({ locale: 'fr' });
    await control('/control/faults', { route: 'POST /v1/conversations', drop: true, count: 1 });
    const error = nextEvent(el, 'krosai-error');
    await el.start();
    expect((await error).reason).to.equal('network');
    await waitUntil(
      () => errorText(el) === 'Vous semblez hors ligne. Vérifiez votre connexion, puis réessayez.',
      'no French error',
    );
  });

  it('says when the server refuses, and retry recovers', async () => {
    const { el } = await mountWidget();
    await control('/control/faults', { route: 'POST /v1/conversations', status: 403, count: 1 });
    const error = nextEvent(el, 'krosai-error');
    await el.start();
    expect((await error).reason).to.equal('forbidden');
    await el.updateComplete;
    expect(errorText(el)).to.include('not available to you');
    part(el, 'retry-button')!.click();
    await untilCallState(el, 'connected');
    expect(part(el, 'error')).to.equal(null);
  });

  it('reports a dropped call and can be dismissed', async () => {
    const { el, voice } = await mountWidget();
    await el.start();
    await untilCallState(el, 'connected');
    const error = nextEvent(el, 'krosai-error');
    voice.last.dropCall();
    expect((await error).reason).to.equal('connection-lost');
    await untilCallState(el, 'ended');
    part(el, 'dismiss-button')!.click();
    await el.updateComplete;
    expect(part(el, 'error')).to.equal(null);
  });

  it('offers to continue here when the call is live in another tab', async () => {
    const { el, voice } = await mountWidget({ voice: { failWith: 'call-elsewhere' } });
    await el.start();
    await el.updateComplete;
    expect(errorText(el)).to.include('another tab');
    const retry = part(el, 'retry-button')!;
    expect(retry.textContent?.trim()).to.equal('Continue here');
    retry.click();
    await waitUntil(() => voice.sessions.length === 2, 'did not try again');
    await waitUntil(() => voice.last.connectOptions.length === 1, 'did not connect');
    expect(voice.last.connectOptions[0]?.takeOver).to.equal(true);
    expect(voice.sessions[0]!.connectOptions[0]?.lockName).to.match(/^krosai-call:/);
  });

  it('says in every language that its files could not be loaded when the voice chunk is missing', async () => {
    const expected: Record<string, RegExp> = {
      en: /^The widget's files could not be loaded\./,
      fr: /^Les fichiers du widget n'ont pas pu être chargés\./,
      es: /^No se pudieron cargar los archivos del widget\./,
      de: /^Die Dateien des Widgets konnten nicht geladen werden\./,
      ar: /^تعذّر تحميل ملفات الأداة\./,
    };
    for (const [locale, text] of Object.entries(expected)) {
      const { el } = await mountWidget({ locale });
      el.voiceSessionFactory = () =>
        loadChunk('voice code', () => import(/* @vite-ignore */ `/chunks/missing-${locale}.js`));
      const error = nextEvent(el, 'krosai-error');
      expect(await el.start()).to.equal(false);
      expect((await error).reason).to.equal('load-failed');
      await waitUntil(() => text.test(errorText(el)), `${locale}: ${errorText(el)}`);
      expect(el.conversationId, `${locale}: no conversation was created`).to.equal(null);
    }
  });
});
