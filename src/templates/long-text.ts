import type { ReactiveControllerHost } from 'lit';

/**
 * Long messages are laid out a part at a time. Laying out 100 KB of text, 10,000 emoji or 5,000
 * lines in one go blocks the page for hundreds of milliseconds (and a virtualised list measuring
 * such an item may never settle); a part of this size lays out in a few. "Show more" adds a part.
 */
export const TEXT_PART = { chars: 2_000, lines: 40 } as const;

/**
 * Where the first `parts` parts of `text` end: at most `parts` times TEXT_PART's characters and
 * lines, never between the two halves of a surrogate pair. `text.length` when it all fits.
 */
export function shownEnd(text: string, parts: number): number {
  let end = Math.min(text.length, TEXT_PART.chars * parts);
  let newline = -1;
  for (let line = 0; line < TEXT_PART.lines * parts; line++) {
    newline = text.indexOf('\n', newline + 1);
    if (newline === -1 || newline >= end) break;
    if (line === TEXT_PART.lines * parts - 1) end = newline + 1;
  }
  if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return end;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Most characters of a conversation title laid out in the history (a title is one line). */
export const TITLE_CHARS = 200;

/** A title as the history shows it: cut with an ellipsis past TITLE_CHARS, never inside a pair. */
export function clippedTitle(title: string): string {
  if (title.length <= TITLE_CHARS) return title;
  const end = isHighSurrogate(title.charCodeAt(TITLE_CHARS - 1)) ? TITLE_CHARS - 1 : TITLE_CHARS;
  return `${title.slice(0, end)}…`;
}

/** How many parts of each long message the visitor asked to see. */
export class TextReveal {
  private readonly parts = new Map<string, number>();

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Parts shown of the message under `key` (1 until the visitor asks for more). */
  partsOf(key: string): number {
    return this.parts.get(key) ?? 1;
  }

  showMore(key: string): void {
    this.parts.set(key, this.partsOf(key) + 1);
    this.host.requestUpdate();
  }
}
