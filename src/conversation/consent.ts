/**
 * The site's terms a visitor accepts before the first call (`consent-text`, `consent-link`,
 * `consent-link-text` on the element). Shown as text, never as HTML.
 */
export interface ConsentTerms {
  text: string;
  /** An http(s) address of the full terms; anything else is left out. */
  link: string | undefined;
  linkText: string;
}

const STORAGE_PREFIX = 'krosai-conversation:consent:';

/** The terms from the element's attributes, or undefined when the site asks for none. */
export function consentTerms(
  text: string,
  link: string,
  linkText: string,
): ConsentTerms | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return { text: trimmed, link: safeLink(link), linkText: linkText.trim() };
}

function safeLink(value: string): string | undefined {
  if (!value.trim()) return undefined;
  try {
    const url = new URL(value.trim(), document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A short, stable fingerprint of the terms: new wording asks again. */
function fingerprint(terms: ConsentTerms): string {
  let hash = 0x811c9dc5;
  for (const char of `${terms.text}\n${terms.link ?? ''}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * The consent step before a call: asks once per visitor and wording (remembered in localStorage
 * under the widget's namespace and agent), and holds the call until the visitor answers. A
 * decline is not remembered: the next call asks again. Lit-free; its owner renders `pending`.
 */
export class ConsentGate {
  /** The terms on show, waiting for the visitor's answer. */
  pending: ConsentTerms | undefined;
  private answer: ((accepted: boolean) => void) | undefined;

  constructor(
    /** Separates the memory of two widgets on one site (namespace and agent). */
    private readonly key: () => string,
    private readonly onChange: () => void,
  ) {}

  /** Resolves true when no consent is asked for, was given before, or the visitor gives it now. */
  ask(terms: ConsentTerms | undefined): Promise<boolean> {
    if (!terms || this.remembered(terms)) return Promise.resolve(true);
    // A second start while asking (a double click, typed text) waits for the same answer.
    if (this.pending) return new Promise((resolve) => this.chain(resolve));
    this.pending = terms;
    const asked = new Promise<boolean>((resolve) => {
      this.answer = resolve;
    });
    this.onChange();
    return asked;
  }

  /** The visitor's answer; an acceptance is remembered. */
  respond(accepted: boolean): void {
    const terms = this.pending;
    const answer = this.answer;
    if (!terms || !answer) return;
    this.pending = undefined;
    this.answer = undefined;
    if (accepted) this.remember(terms);
    answer(accepted);
    this.onChange();
  }

  /** The widget went away or was reconfigured: the call waiting on it does not start. */
  cancel(): void {
    this.respond(false);
  }

  private chain(resolve: (accepted: boolean) => void): void {
    const first = this.answer!;
    this.answer = (accepted) => {
      first(accepted);
      resolve(accepted);
    };
  }

  private storageKey(terms: ConsentTerms): string {
    return `${STORAGE_PREFIX}${this.key()}:${fingerprint(terms)}`;
  }

  private remembered(terms: ConsentTerms): boolean {
    try {
      return localStorage.getItem(this.storageKey(terms)) === 'accepted';
    } catch {
      return false;
    }
  }

  private remember(terms: ConsentTerms): void {
    try {
      localStorage.setItem(this.storageKey(terms), 'accepted');
    } catch {
      // Storage refused (privacy mode): the visitor is asked again next time.
    }
  }
}
