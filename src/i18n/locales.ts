import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import type { KrosaiStringOverrides, KrosaiStrings } from './strings.js';

const LOCALES: Record<string, KrosaiStrings> = { en, fr, es, de, ar };
/** Languages written right to left, whether or not we ship their strings. */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi']);

export interface ResolvedLocale {
  /** The BCP 47 tag in use, for `lang` and date formatting. */
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: KrosaiStrings;
}

/**
 * Picks the strings for a locale tag (`fr-CA` falls back to `fr`, anything unknown to English)
 * and applies the site's overrides on top.
 */
export function resolveLocale(tag: string, overrides: KrosaiStringOverrides = {}): ResolvedLocale {
  const lang = tag.trim() || 'en';
  const language = lang.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const base = LOCALES[language] ?? en;
  const strings: KrosaiStrings = {
    ...base,
    ...overrides,
    call: { ...base.call, ...overrides.call },
    agentStates: { ...base.agentStates, ...overrides.agentStates },
    errors: { ...base.errors, ...overrides.errors },
  };
  return { lang, dir: RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr', strings };
}

/** The language the page around the element declares: the nearest `lang`, else the document's. */
export function pageLanguage(element: Element): string {
  const withLang = element.closest('[lang]');
  return withLang?.getAttribute('lang') || document.documentElement.lang || navigator.language;
}
