import { expect } from '@open-wc/testing';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { resolveLocale } from '../../src/i18n/locales.js';
import { splitLinks } from '../../src/templates/links.js';

describe('message text and configuration', () => {
  it('links only http(s) and mailto, without trailing punctuation', () => {
    expect(splitLinks('See HTTPS://Example.com/a?b=1). Or javascript:alert(1)')).to.deep.equal([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'HTTPS://Example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '). Or javascript:alert(1)' },
    ]);
    expect(splitLinks('data:text/html,<b>x</b> vbscript:x')).to.deep.equal([
      { kind: 'text', text: 'data:text/html,<b>x</b> vbscript:x' },
    ]);
  });

  it('defaults and trims the configuration', () => {
    expect(resolveConfig({ agentId: ' a ', persist: 'bogus', namespace: '' })).to.deep.equal({
      agentId: 'a',
      sessionUrl: '',
      apiKey: '',
      apiBase: '',
      persist: 'local',
      namespace: 'default',
    });
  });

  it('falls back from regional and unknown locales and applies overrides', () => {
    expect(resolveLocale('xx-YY').strings.startCall).to.equal('Start voice call');
    expect(resolveLocale('ar-EG').dir).to.equal('rtl');
    expect(resolveLocale('he').dir).to.equal('rtl');
    const custom = resolveLocale('en', { errors: { network: 'Offline?' } });
    expect(custom.strings.errors.network).to.equal('Offline?');
    expect(custom.strings.errors.server).to.equal(resolveLocale('en').strings.errors.server);
  });
});
