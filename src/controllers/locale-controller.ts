import type { ReactiveControllerHost } from 'lit';
import type { KrosaiError } from '../errors.js';
import { KrosaiErrorEvent } from '../events.js';
import type { ResolvedLocale } from '../i18n/locales.js';
import { loadLanguage, resolveLocale } from '../i18n/locales.js';
import type { KrosaiStringOverrides } from '../i18n/strings.js';

/**
 * The element's language. English shows while a language's chunk loads, and the host renders
 * again when it arrives; a chunk that cannot load is reported once as `krosai-error`
 * (`load-failed`) and English stays.
 */
export class LocaleController {
  private failure: KrosaiError | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {}

  resolve(tag: string, overrides: KrosaiStringOverrides): ResolvedLocale {
    const resolved = resolveLocale(tag, overrides);
    if (resolved.pending) {
      void loadLanguage(resolved.lang).then(
        () => this.host.requestUpdate(),
        (error: KrosaiError) => {
          // Every render that waited for it hears the same failure: report it once.
          if (error === this.failure) return;
          this.failure = error;
          this.host.requestUpdate();
          this.host.dispatchEvent(new KrosaiErrorEvent(error));
        },
      );
    }
    return resolved;
  }
}
