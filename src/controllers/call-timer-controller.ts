import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** `m:ss`, or `h:mm:ss` past an hour, in the digits of `lang`. */
export function formatElapsed(ms: number, lang: string): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = twoDigits(lang);
  const plain = plainDigits(lang);
  return hours > 0
    ? `${plain.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`
    : `${plain.format(minutes)}:${two.format(seconds)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(lang, { minimumIntegerDigits: digits, useGrouping: false });
    } catch {
      // A tag Intl does not know: the page's own digits.
      formatter = new Intl.NumberFormat(undefined, { minimumIntegerDigits: digits });
    }
    formatters.set(key, formatter);
  }
  return formatter;
}
const twoDigits = (lang: string) => numberFormat(lang, 2);
const plainDigits = (lang: string) => numberFormat(lang, 1);

/**
 * Writes the call timer's text once a second while a voice call is connected, straight into the
 * rendered `.call-timer .elapsed` (no re-render of the element); nothing runs without a call.
 */
export class CallTimerController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: {
      /** When the voice call connected (epoch ms), or undefined without one. */
      since: () => number | undefined;
      lang: () => string;
      target: () => HTMLElement | null;
    },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.options.since() === undefined) {
      this.stop();
      return;
    }
    this.write();
    this.timer ??= setInterval(() => this.write(), 1000);
  }

  hostDisconnected(): void {
    this.stop();
  }

  private write(): void {
    const since = this.options.since();
    const target = this.options.target();
    if (since === undefined || !target) return;
    const text = formatElapsed(Date.now() - since, this.options.lang());
    if (target.textContent !== text) target.textContent = text;
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
