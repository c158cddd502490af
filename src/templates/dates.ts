const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(
  cache: Map<string, Intl.DateTimeFormat>,
  lang: string,
  options: Intl.DateTimeFormatOptions,
) {
  let format = cache.get(lang);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(lang, options);
    } catch {
      // An invalid locale tag from the page: fall back to the browser's own.
      format = new Intl.DateTimeFormat(undefined, options);
    }
    cache.set(lang, format);
  }
  return format;
}

/**
 * Whether a time can be shown. Stored records are checked when read, but a date that cannot be
 * formatted makes Intl and toISOString throw, and a throw in render would take the whole widget
 * down: an unshowable time shows as nothing instead.
 */
const showable = (epochMs: number) => !Number.isNaN(new Date(epochMs).getTime());

/** A message's time, e.g. "14:05". */
export const formatTime = (epochMs: number, lang: string): string =>
  showable(epochMs)
    ? formatter(timeFormats, lang, { hour: 'numeric', minute: '2-digit' }).format(epochMs)
    : '';

/** A conversation's date for the history list, e.g. "26 Nov 2026, 14:05". */
export const formatDate = (epochMs: number, lang: string): string =>
  showable(epochMs)
    ? formatter(dateFormats, lang, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs)
    : '';

/** The `datetime` attribute of a `<time>`. */
export const isoDate = (epochMs: number): string =>
  showable(epochMs) ? new Date(epochMs).toISOString() : '';
