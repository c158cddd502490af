import { XSS_PAYLOADS } from './xss-corpus.js';

/*
 * Markdown's own ways to smuggle script, on top of the HTML corpus: links, images and reference
 * definitions to script URLs, autolinks, HTML inside code, emphasis and lists. Each calls the
 * same `__xssTrap()` as the HTML corpus.
 */
const CALL = '__xssTrap()';

const MARKDOWN_VECTORS = [
  `[click](javascript:${CALL})`,
  `[click](JaVaScRiPt:${CALL})`,
  `[click]( javascript:${CALL} )`,
  `[click](<javascript:${CALL}>)`,
  `[click](javascript&#58;${CALL})`,
  `[click](&#106;avascript:${CALL})`,
  `[click](data:text/html;base64,PHNjcmlwdD5fX3hzc1RyYXAoKTwvc2NyaXB0Pg==)`,
  `[click](vbscript:${CALL})`,
  `[click](https://example.com "title\\" onmouseover=\\"${CALL}")`,
  `[click][ref]\n\n[ref]: javascript:${CALL}`,
  `[ref]\n\n[ref]: javascript:${CALL}`,
  `![alt](javascript:${CALL})`,
  `![alt" onerror="${CALL}](x)`,
  `![alt](x "onerror=${CALL}")`,
  `<javascript:${CALL}>`,
  `<https://example.com/"onmouseover="${CALL}">`,
  `**<img src=x onerror=${CALL}>**`,
  `_<svg onload=${CALL}>_`,
  `- <script>${CALL}</script>\n- two`,
  `1. <iframe src="javascript:${CALL}"></iframe>`,
  `> <img src=x onerror=${CALL}>`,
  `\`<img src=x onerror=${CALL}>\``,
  `\`\`\`html\n<script>${CALL}</script>\n\`\`\``,
  `    <img src=x onerror=${CALL}>`,
  `| a | b |\n| - | - |\n| <img src=x onerror=${CALL}> | [x](javascript:${CALL}) |`,
  `[<img src=x onerror=${CALL}>](https://example.com)`,
  `[a](https://example.com)<img src=x onerror=${CALL}>`,
  `<div>\n\n**bold** <img src=x onerror=${CALL}>\n\n</div>`,
  `<a href="https://example.com" onclick="${CALL}">[x](y)</a>`,
  `[x](https://example.com\\"onclick=\\"${CALL})`,
  `~~<img src=x onerror=${CALL}>~~`,
  `# <img src=x onerror=${CALL}>`,
  `- [ ] <img src=x onerror=${CALL}>`,
  `*[x](javascript:${CALL})*`,
];

/** The HTML corpus (150 payloads) and the Markdown one (34), all as agent Markdown. */
export const MARKDOWN_XSS_PAYLOADS: string[] = [...XSS_PAYLOADS, ...MARKDOWN_VECTORS];

/** Elements the Markdown renderer makes; anything else in rendered text came from a payload. */
export const MARKDOWN_ELEMENTS = new Set([
  'p',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'blockquote',
  'br',
  'hr',
  'a',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
