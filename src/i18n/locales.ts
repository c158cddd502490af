import { loadChunk } from '../chunk-load.js';
import { en } from './en.js';
import type { KrosaiStringOverrides, KrosaiStrings } from './strings.js';

/**
 * English ships in the initial script; every other language is its own small chunk, loaded when
 * a page asks for it, so a site pays only for the language it speaks.
 */
const LOADERS: Record<string, () => Promise<KrosaiStrings>> = {
  fr: () => loadChunk('French strings', () => import('./fr.js')).then((module) => module.fr),
  es: () => loadChunk('Spanish strings', () => import('./es.js')).then((module) => module.es),
  de: () => loadChunk('German strings', () => import('./de.js')).then((module) => module.de),
  ar: () => loadChunk('Arabic strings', () => import('./ar.js')).then((module) => module.ar),
};
const loaded = new Map<string, KrosaiStrings>([['en', en]]);
const loading = new Map<string, Promise<KrosaiStrings>>();

/** Languages written right to left, whether or not we ship their strings. */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi']);

export interface ResolvedLocale {
  /** The BCP 47 tag in use, for `lang` and date formatting. */
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: KrosaiStrings;
  /** The language's strings are still loading; English stands in until they arrive. */
  pending: boolean;
}

const languageOf = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] || 'en';

/** Loads a language's strings (English, or an unknown language, resolves at once). */
export function loadLanguage(tag: string): Promise<KrosaiStrings> {
  const language = languageOf(tag);
  const ready = loaded.get(language);
  if (ready) return Promise.resolve(ready);
  const loader = LOADERS[language];
  if (!loader) return Promise.resolve(en);
  let promise = loading.get(language);
  if (!promise) {
    promise = loader().then((strings) => {
      loaded.set(language, strings);
      return strings;
    });
    // A chunk that failed (reason `load-failed`, reported once by the element) leaves English
    // in place for the page's life, rather than fetching it again on every render.
    promise.catch(() => loaded.set(language, en));
    loading.set(language, promise);
  }
  return promise;
}

/**
 * The strings for a locale tag (`fr-CA` falls back to `fr`, anything unknown to English) with the
 * site's overrides on top. A language not loaded yet resolves to English with `pending` set.
 */
export function resolveLocale(tag: string, overrides: KrosaiStringOverrides = {}): ResolvedLocale {
  const lang = tag.trim() || 'en';
  const language = languageOf(lang);
  const own = loaded.get(language);
  const base = own ?? en;
  const strings: KrosaiStrings = {
    ...base,
    ...stringsOnly(base, overrides),
    call: { ...base.call, ...stringsOnly(base.call, overrides.call) },
    callEnded: { ...base.callEnded, ...stringsOnly(base.callEnded, overrides.callEnded) },
    agentStates: { ...base.agentStates, ...stringsOnly(base.agentStates, overrides.agentStates) },
    errors: { ...base.errors, ...stringsOnly(base.errors, overrides.errors) },
  };
  return {
    lang,
    dir: RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr',
    strings,
    pending: !own && language in LOADERS,
  };
}

/**
 * The overrides that replace a string of `base` with a string. A site may load them from JSON or
 * a CMS: anything else (a number, null, an object shaped like a Lit TemplateResult, which would
 * render as markup) keeps the default, and keys `base` does not have (`__proto__`) are ignored.
 */
function stringsOnly<T extends object>(base: T, overrides: unknown): Partial<T> {
  if (typeof overrides !== 'object' || overrides === null) return {};
  const kept: Partial<Record<keyof T, string>> = {};
  for (const key of Object.keys(overrides) as (keyof T)[]) {
    const value = (overrides as Record<keyof T, unknown>)[key];
    if (Object.hasOwn(base, key) && typeof base[key] === 'string' && typeof value === 'string') {
      kept[key] = value;
    }
  }
  return kept as Partial<T>;
}

/** The language the page around the element declares: the nearest `lang`, else the browser's. */
export function pageLanguage(element: Element): string {
  // On a server (Lit SSR) the element is a shim without `closest`, and there is no document.
  const withLang = typeof element.closest === 'function' ? element.closest('[lang]') : null;
  return (
    withLang?.getAttribute('lang') ||
    globalThis.document?.documentElement.lang ||
    globalThis.navigator?.language ||
    ''
  );
}
