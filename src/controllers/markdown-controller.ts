import type { ReactiveControllerHost } from 'lit';
import type { LinkPolicy } from '../templates/links.js';

type RenderMarkdown = (text: string, policy: LinkPolicy) => unknown;

/**
 * Loads the Markdown chunk the first time an agent message is shown, and re-renders when it
 * arrives; until then (or if it fails to load) messages show as plain text with safe links.
 */
export class MarkdownController {
  private renderer: RenderMarkdown | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {}

  /** The message as Markdown templates, or undefined while the chunk loads. */
  render(text: string, policy: LinkPolicy): unknown {
    if (this.renderer) return this.renderer(text, policy);
    void this.load();
    return undefined;
  }

  /** Resolves once the chunk is loaded (or failed to load: plain text stays). */
  load(): Promise<void> {
    this.loading ??= import('../markdown/markdown.js').then(
      (module) => {
        // Its styles come with it (constructable stylesheets: no inline style, CSP-safe).
        const root = this.host.shadowRoot;
        const sheet = module.markdownStyles.styleSheet;
        if (root && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.renderer = module.renderMarkdown;
        this.host.requestUpdate();
      },
      () => {
        // Offline or blocked: plain text it is, and a later render may try again.
        this.loading = undefined;
      },
    );
    return this.loading;
  }
}
