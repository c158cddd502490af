// The physical limit for bench/peers.bench.ts: the least a Lit element that keeps its history in
// IndexedDB can load. One Lit element with a shadow root and a template, and an idb database
// opened at connection. scripts/bench.mjs bundles it (minified, like dist/) to bench/.build/floor.js.
import { openDB } from 'idb';
import { css, html, LitElement } from 'lit';

class BenchFloor extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    void openDB('bench-floor', 1, {
      upgrade(db) {
        if (!db.objectStoreNames.contains('messages')) db.createObjectStore('messages');
      },
    }).then((db) => db.close());
  }

  override render() {
    return html`<p>Floor</p>`;
  }
}

customElements.define('bench-floor', BenchFloor);
