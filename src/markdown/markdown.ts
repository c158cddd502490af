import { css, html, nothing } from 'lit';
import { Lexer, type Token, type Tokens } from 'marked';
import { allowedHref, type LinkPolicy } from '../templates/links.js';

/**
 * Agent messages as Markdown, turned into Lit templates token by token: every piece of text is
 * bound as text, never parsed as HTML. Raw HTML in the message shows as the characters typed,
 * images as their alt text (nothing loads from a message), links only to http(s)/mailto (and the
 * site's hosts, when it names them). This module is its own chunk, with the Markdown lexer.
 */

/** The rendered Markdown's styles, adopted into the element's shadow root with this chunk. */
export const markdownStyles = css`
  .message .markdown {
    white-space: normal;
  }

  .markdown > :first-child,
  .markdown li > :first-child {
    margin-block-start: 0;
  }

  .markdown > :last-child {
    margin-block-end: 0;
  }

  .markdown p,
  .markdown ul,
  .markdown ol,
  .markdown pre,
  .markdown blockquote,
  .markdown .md-table {
    margin-block: 0 0.5em;
  }

  .markdown ul,
  .markdown ol {
    padding-inline-start: 1.4em;
  }

  .markdown code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: color-mix(in srgb, currentColor 10%, transparent);
    border-radius: 0.25em;
    padding: 0 0.2em;
  }

  .markdown pre {
    overflow-x: auto;
    padding: 0.5em;
    border-radius: 0.4em;
    background: color-mix(in srgb, currentColor 10%, transparent);
    white-space: pre;
  }

  .markdown pre code {
    background: none;
    padding: 0;
  }

  .markdown blockquote {
    margin-inline: 0;
    padding-inline-start: 0.6em;
    border-inline-start: 3px solid var(--_border);
  }

  .markdown .md-table {
    overflow-x: auto;
  }

  .markdown table {
    border-collapse: collapse;
  }

  .markdown th,
  .markdown td {
    border: 1px solid var(--_border);
    padding: 0.15em 0.4em;
    text-align: start;
  }

  .markdown hr {
    border: 0;
    border-block-start: 1px solid var(--_border);
  }
`;

const lexerOptions = { gfm: true, breaks: true, async: false } as const;

/** Rendered messages, by text: a render of the list repeats for every update of any message. */
const cache = new Map<string, unknown>();
const CACHE_SIZE = 500;

/** The Markdown `text` as Lit templates. Never throws: text that fails to lex shows as it is. */
export function renderMarkdown(text: string, policy: LinkPolicy): unknown {
  const key = `${JSON.stringify(policy.hosts)}\n${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let rendered: unknown;
  try {
    rendered = blocks(Lexer.lex(text, lexerOptions), policy);
  } catch {
    rendered = html`<p>${text}</p>`;
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, rendered);
  return rendered;
}

const blocks = (tokens: readonly Token[], policy: LinkPolicy): unknown[] =>
  tokens.map((token) => block(token, policy));

function block(token: Token, policy: LinkPolicy): unknown {
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'paragraph':
      return html`<p>${inline(t.tokens, policy)}</p>`;
    case 'heading':
      // Headings inside a chat bubble would break the page's outline: strong text instead.
      return html`<p class="md-heading"><strong>${inline(t.tokens, policy)}</strong></p>`;
    case 'code':
      return html`<pre tabindex="0"><code>${(token as Tokens.Code).text}</code></pre>`;
    case 'blockquote':
      return html`<blockquote>${blocks(t.tokens ?? [], policy)}</blockquote>`;
    case 'list':
      return list(token as Tokens.List, policy);
    case 'table':
      return table(token as Tokens.Table, policy);
    case 'hr':
      return html`<hr />`;
    case 'space':
    case 'def':
      return nothing;
    case 'text':
      return html`<p>${t.tokens ? inline(t.tokens, policy) : (t.text as string)}</p>`;
    default:
      // Raw HTML and anything unknown: the characters as written.
      return html`<p>${token.raw}</p>`;
  }
}

function list(token: Tokens.List, policy: LinkPolicy): unknown {
  const items = token.items.map(
    (item) =>
      html`<li>${item.task ? (item.checked ? '☑ ' : '☐ ') : nothing}${listItem(item.tokens, policy)}</li>`,
  );
  return token.ordered
    ? html`<ol start=${typeof token.start === 'number' ? token.start : 1}>${items}</ol>`
    : html`<ul>${items}</ul>`;
}

/** A tight list's text items are inline; a loose one's are paragraphs. */
const listItem = (tokens: readonly Token[], policy: LinkPolicy): unknown[] =>
  tokens.map((token) =>
    token.type === 'text'
      ? inline((token as Tokens.Text).tokens ?? [token], policy)
      : token.type === 'checkbox'
        ? nothing
        : block(token, policy),
  );

function table(token: Tokens.Table, policy: LinkPolicy): unknown {
  return html`<div class="md-table" tabindex="0"><table>
    <thead><tr>${token.header.map((cell) => html`<th scope="col">${inline(cell.tokens, policy)}</th>`)}</tr></thead>
    <tbody>${token.rows.map(
      (row) => html`<tr>${row.map((cell) => html`<td>${inline(cell.tokens, policy)}</td>`)}</tr>`,
    )}</tbody>
  </table></div>`;
}

function inline(tokens: readonly Token[] | undefined, policy: LinkPolicy): unknown[] {
  return (tokens ?? []).map((token) => span(token, policy));
}

function span(token: Token, policy: LinkPolicy): unknown {
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'text':
      return t.tokens ? inline(t.tokens, policy) : (t.text as string);
    case 'escape':
    case 'codespan':
      return token.type === 'codespan'
        ? html`<code>${t.text as string}</code>`
        : (t.text as string);
    case 'strong':
      return html`<strong>${inline(t.tokens, policy)}</strong>`;
    case 'em':
      return html`<em>${inline(t.tokens, policy)}</em>`;
    case 'del':
      return html`<del>${inline(t.tokens, policy)}</del>`;
    case 'br':
      // The line break stays in the text too (copy, find in page, textContent).
      return html`<br />\n`;
    case 'link': {
      const href = allowedHref(String(t.href ?? ''), policy);
      const label = inline(t.tokens, policy);
      return href
        ? html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${label}</a>`
        : label;
    }
    case 'image':
      return String(t.text ?? '');
    default:
      // Inline HTML (`<b>`, `<img …>`) and anything unknown: shown as typed.
      return token.raw;
  }
}
