import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mountWidget, part, untilCallState } from './widget.js';

const TERMS = 'Calls are recorded and transcribed. <img src=x onerror="window.__consentXss=1">';

const connects = (voice: Awaited<ReturnType<typeof mountWidget>>['voice']) =>
  voice.sessions.reduce((count, session) => count + session.connectOptions.length, 0);

async function withTerms(options: Parameters<typeof mountWidget>[0] = {}) {
  const mounted = await mountWidget(options);
  mounted.el.consentText = TERMS;
  mounted.el.consentLink = 'https://example.test/terms';
  await mounted.el.updateComplete;
  return mounted;
}

describe('<krosai-conversation> consent before the first call', () => {
  it('holds the call until the visitor accepts, asks again after a decline, then remembers', async () => {
    const { el, voice, namespace } = await withTerms();
    let beforeStart = 0;
    el.addEventListener('krosai-before-start', () => {
      beforeStart += 1;
    });
    part(el, 'mic-button')!.click();
    await waitUntil(() => part(el, 'consent'), 'the consent step never appeared');
    // Plain text, not HTML; the link is the site's.
    expect(part(el, 'consent')!.querySelector('img')).to.equal(null);
    expect(part(el, 'consent')!.textContent).to.include(TERMS);
    expect(part<HTMLAnchorElement>(el, 'consent-link')!.href).to.equal(
      'https://example.test/terms',
    );
    expect(part<HTMLAnchorElement>(el, 'consent-link')!.textContent).to.equal('Read the terms');
    await waitUntil(
      () => el.shadowRoot!.activeElement === part(el, 'consent-accept-button'),
      'the accept button never took focus',
    );
    await expect(el).to.be.accessible();
    expect(connects(voice)).to.equal(0);

    // Escape declines: no call, no before-start, focus back on the microphone button.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !part(el, 'consent'), 'the consent step stayed');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'mic-button'));
    expect(el.callState).to.equal('idle');
    expect(beforeStart).to.equal(0);
    expect(connects(voice)).to.equal(0);

    // Declining is not remembered; accepting is, and the call goes on.
    const started = el.start();
    await waitUntil(() => part(el, 'consent-accept-button'), 'not asked again');
    part(el, 'consent-accept-button')!.click();
    expect(await started).to.equal(true);
    await untilCallState(el, 'connected');
    expect(beforeStart).to.equal(1);
    await el.end();

    // The same visitor, another page view: no question.
    const again = await withTerms({ namespace });
    expect(await again.el.start()).to.equal(true);
    expect(part(again.el, 'consent')).to.equal(null);
    expect((window as { __consentXss?: number }).__consentXss).to.equal(undefined);
  });

  it('asks anew when the wording changes, drops a link that is not http(s), and is localized', async () => {
    const { el, namespace } = await withTerms({ locale: 'de' });
    const first = el.start();
    // English shows until the German strings' chunk has arrived.
    await waitUntil(
      () => part(el, 'consent-accept-button')?.textContent?.trim() === 'Ich stimme zu',
      'never asked in German',
    );
    part(el, 'consent-accept-button')!.click();
    expect(await first).to.equal(true);
    await el.end();

    const changed = await mountWidget({ namespace, locale: 'de' });
    changed.el.consentText = 'New terms.';
    changed.el.consentLink = 'javascript:alert(1)';
    await changed.el.updateComplete;
    const second = changed.el.start();
    await waitUntil(() => part(changed.el, 'consent'), 'new wording was not asked');
    expect(part(changed.el, 'consent-link')).to.equal(null);
    await expect(changed.el).to.be.accessible();
    part(changed.el, 'consent-decline-button')!.click();
    expect(await second).to.equal(false);
  });

  it('covers typed text too: the message goes out once the visitor accepts', async () => {
    const { el, voice } = await withTerms();
    const sent = el.send('Hello there');
    await waitUntil(() => part(el, 'consent-accept-button'), 'typing was not asked');
    part(el, 'consent-accept-button')!.click();
    expect(await sent).to.equal(true);
    expect(voice.sessions.flatMap((session) => session.sentTexts)).to.deep.equal(['Hello there']);
  });
});
