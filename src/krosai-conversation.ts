import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { styles } from './krosai-conversation.styles.js';

/**
 * A conversation with a KrosAI voice agent: history, live transcripts and a voice call.
 *
 * @summary Talk to a KrosAI voice agent from any web page.
 *
 * @csspart panel - The conversation panel.
 * @csspart header - The panel's header.
 * @csspart mic-button - The button that starts a call.
 *
 * @cssproperty --krosai-background - Panel background colour.
 * @cssproperty --krosai-foreground - Text colour.
 * @cssproperty --krosai-muted - Secondary text colour.
 * @cssproperty --krosai-accent - Colour of primary buttons.
 * @cssproperty --krosai-accent-foreground - Text colour on primary buttons.
 * @cssproperty --krosai-border - Border colour.
 * @cssproperty --krosai-radius - Corner radius of the panel.
 * @cssproperty --krosai-font - Font family.
 * @cssproperty --krosai-focus-ring - Colour of the keyboard focus ring.
 */
export class KrosaiConversation extends LitElement {
  static override styles = styles;

  /** The KrosAI agent this widget talks to. */
  @property({ attribute: 'agent-id', reflect: true }) agentId = '';

  /** The heading shown at the top of the panel. */
  @property() override title = 'Talk to us';

  override render() {
    return html`
      <section class="panel" part="panel" aria-labelledby="heading">
        <header part="header">
          <h2 id="heading">${this.title}</h2>
        </header>
        <p class="status" role="status">Ready</p>
        <button type="button" part="mic-button">Start voice call</button>
      </section>
    `;
  }
}
