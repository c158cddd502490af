import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { type ConsentGate, type ConsentTerms, consentTerms } from '../conversation/consent.js';
import type { KrosaiStrings } from '../i18n/strings.js';
import { consentTemplate } from '../templates/consent.js';

/** The element's `consent-*` properties. */
export interface ConsentProperties {
  consentText: string;
  consentLink: string;
  consentLinkText: string;
}

/**
 * The consent step in the element: hands the conversation the terms its `consent-*` properties
 * set, renders the step while it waits, moves focus to its accept button when it appears (so a
 * keyboard visitor answers it) and, once answered, back to where the visitor started the call.
 */
export class ConsentStepController implements ReactiveController {
  /** The step was on show at the last update. */
  private shown = false;

  constructor(
    private readonly host: ReactiveControllerHost & ConsentProperties,
    private readonly options: {
      gate: () => ConsentGate;
      setTerms: (terms: ConsentTerms | undefined) => void;
      root: () => ParentNode;
      /** The control a visitor starts with, focused again once the step goes away. */
      returnFocus: () => HTMLElement | null;
    },
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const host = this.host;
    this.options.setTerms(
      consentTerms(
        String(host.consentText ?? ''),
        String(host.consentLink ?? ''),
        String(host.consentLinkText ?? ''),
      ),
    );
  }

  hostUpdated(): void {
    const asking = this.options.gate().pending !== undefined;
    if (asking && !this.shown) {
      this.options.root().querySelector<HTMLElement>('[part~="consent-accept-button"]')?.focus();
    }
    this.shown = asking;
  }

  render(strings: KrosaiStrings) {
    const terms = this.options.gate().pending;
    return terms ? consentTemplate({ strings, terms, onAnswer: this.onAnswer }) : nothing;
  }

  private readonly onAnswer = async (accepted: boolean) => {
    this.options.gate().respond(accepted);
    // The step goes away: focus goes back to where the visitor started the call.
    await this.host.updateComplete;
    this.options.returnFocus()?.focus();
  };
}
