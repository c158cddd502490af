/*
 * Payloads that run script wherever text is mistaken for markup, a URL or a template. Each calls
 * `__xssTrap()`; tests/element/xss.test.ts installs the trap and also checks that no element or
 * attribute came from the text, so a payload that would only run later (an image failing to
 * load) is caught at once.
 */
const CALL = '__xssTrap()';

const VECTORS = [
  `<script>${CALL}</script>`,
  `<img src=x onerror=${CALL}>`,
  `<img src="x" onerror="${CALL}">`,
  `<svg onload=${CALL}>`,
  `<svg><script>${CALL}</script></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${CALL}>`,
  `<iframe src="javascript:${CALL}"></iframe>`,
  `<iframe srcdoc="<script>parent.${CALL}</script>"></iframe>`,
  `<object data="javascript:${CALL}"></object>`,
  `<embed src="javascript:${CALL}">`,
  `<body onload=${CALL}>`,
  `<details open ontoggle=${CALL}>`,
  `<input autofocus onfocus=${CALL}>`,
  `<video><source onerror=${CALL}></video>`,
  `<audio src=x onerror=${CALL}>`,
  `<marquee onstart=${CALL}>`,
  `<a href="javascript:${CALL}">click</a>`,
  `<a href="jav&#x09;ascript:${CALL}">click</a>`,
  `<form action="javascript:${CALL}"><button>go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${CALL}">`,
  `<link rel=import href="data:text/html,<script>${CALL}</script>">`,
  `<base href="javascript:${CALL}//">`,
  `<style>@import "javascript:${CALL}";</style>`,
  `<div style="background:url(javascript:${CALL})">`,
  `<template><img src=x onerror=${CALL}></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${CALL}>">`,
  `"><img src=x onerror=${CALL}>`,
  `'><svg onload=${CALL}>`,
  `</p><img src=x onerror=${CALL}>`,
  `</textarea><script>${CALL}</script>`,
  `<!--<img src=x onerror=${CALL}>-->`,
  `<![CDATA[<img src=x onerror=${CALL}>]]>`,
  `javascript:${CALL}`,
  `JaVaScRiPt:${CALL}`,
  `data:text/html,<script>${CALL}</script>`,
  `vbscript:${CALL}`,
  `https://example.com/"><img src=x onerror=${CALL}>`,
  `https://example.com/?q=<script>${CALL}</script>`,
  `https://example.com/#javascript:${CALL}`,
  `mailto:a@b.c?body=<img src=x onerror=${CALL}>`,
  `http://a.b/${'"'}onmouseover=${CALL}${'"'}`,
  `<!--?lit$1234$--><img src=x onerror=${CALL}>`,
  `\${${CALL}}`,
  `{{constructor.constructor('${CALL}')()}}`,
  `&lt;img src=x onerror=${CALL}&gt;`,
  `\u003cimg src=x onerror=${CALL}\u003e`,
  `<img src=x onerror=&#95;&#95;xssTrap()>`,
  `<scr<script>ipt>${CALL}</scr</script>ipt>`,
  `<svg><a xlink:href="javascript:${CALL}"><text>x</text></a></svg>`,
  `<math href="javascript:${CALL}">x</math>`,
  `<x onclick=${CALL} style=display:block;position:fixed;inset:0>click anywhere</x>`,
  `<isindex action=javascript:${CALL} type=image>`,
];

/** The vectors as they are, wrapped in text, and split over lines: 150 payloads. */
export const XSS_PAYLOADS: string[] = VECTORS.flatMap((vector) => [
  vector,
  `Hello ${vector} there`,
  `line one\n${vector}\r\nline three`,
]);

/**
 * Installs `__xssTrap()` for a suite: every call is recorded, and each test fails if a payload
 * ran while it did. Returns what was recorded (emptied before each test).
 */
export function useXssTrap(): string[] {
  const trapped: string[] = [];
  before(() => {
    (window as { __xssTrap?: () => void }).__xssTrap = () => {
      trapped.push(new Error('xss').stack ?? 'xss');
    };
  });
  beforeEach(() => {
    trapped.length = 0;
  });
  afterEach(() => {
    if (trapped.length > 0) throw new Error(`a payload ran: ${trapped.join('\n')}`);
  });
  return trapped;
}
