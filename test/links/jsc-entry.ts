// The link finder's cases in JavaScriptCore (Safari's engine), bundled and run by
// scripts/check-links-jsc.mjs. The jsc shell is a bare engine: `print` instead of console, and no
// URL class, so a minimal one stands in for the platform's parser (the code under test is the
// pattern and the trimming, not the URL parser).
import { splitLinks } from '../../src/templates/links.js';
import { describeParts, joined, LINK_CASES, PATHOLOGICAL_INPUTS } from './link-cases.js';

declare const print: (text: string) => void;

class SchemeOnlyUrl {
  readonly protocol: string;
  readonly href: string;
  /** What the link policy reads: the host of a hierarchical URL, the address of a mailto. */
  readonly hostname: string;
  readonly pathname: string;
  constructor(text: string) {
    const scheme = /^([a-z][a-z0-9+.-]*:)(\/\/)?(.*)$/i.exec(text);
    if (!scheme || scheme[3] === '' || (scheme[2] === undefined && scheme[1] !== 'mailto:')) {
      throw new TypeError(`Invalid URL: ${text.slice(0, 40)}`);
    }
    this.protocol = scheme[1]!.toLowerCase();
    this.href = text;
    const rest = scheme[3]!;
    this.hostname = scheme[2] === undefined ? '' : rest.split(/[/?#:]/)[0]!.toLowerCase();
    this.pathname = scheme[2] === undefined ? rest : rest.slice(this.hostname.length);
  }
}
if (typeof URL === 'undefined') Object.assign(globalThis, { URL: SchemeOnlyUrl });

let passed = 0;
const failures: string[] = [];
for (const { name, text, expected } of LINK_CASES) {
  const actual = JSON.stringify(describeParts(splitLinks(text)));
  if (actual === JSON.stringify(expected)) passed++;
  else failures.push(`${name}: got ${actual}`);
}
for (const { name, text } of PATHOLOGICAL_INPUTS) {
  const started = Date.now();
  const same = joined(splitLinks(text)) === text;
  if (same) passed++;
  else failures.push(`${name}: the text did not come back whole`);
  print(`${name}: ${Date.now() - started} ms`);
}
for (const failure of failures) print(`FAIL ${failure}`);
print(`jsc: ${passed} passed, ${failures.length} failed`);
if (failures.length > 0) throw new Error('link cases failed in JavaScriptCore');
