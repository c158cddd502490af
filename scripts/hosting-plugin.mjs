// The script-tag bundle's hosting guarantees, as one Vite plugin (see the README, "Hosting").
//
// A query string on the script URL (`krosai-conversation.js?ver=6.4.2`, as WordPress writes it)
// makes the entry a different module from the `../krosai-conversation.js` that Rolldown's lazy
// chunks import, so the browser would fetch and run the whole widget a second time when a chunk
// loads (a second KrosaiError class, a second store...). Here no chunk imports the entry by URL:
// the entry puts its exports on a global symbol as it finishes evaluating, and each chunk reads
// its bindings from there. A chunk only ever runs after the entry imported it, so they are set.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const { name, version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url)));
/** One key per release: two releases on one page keep their own entries apart. */
export const REGISTRY_KEY = `${name}@${version}`;
const registry = `globalThis[Symbol.for(${JSON.stringify(REGISTRY_KEY)})]`;

const sri = (code) => `sha384-${createHash('sha384').update(code).digest('base64')}`;

/**
 * dist/loader.js: a classic script for pages that cannot write `type="module"`. It adds, next to
 * itself, an import map with the `integrity` of every lazy chunk and the module script (with its
 * own `integrity`), both resolved against its own URL: one SRI hash on the loader covers it all.
 */
const loaderSource = (
  entryFile,
  integrity,
) => `// krosai-conversation loader: <script src=".../loader.js" async></script>. See the README, "Hosting".
(function () {
  var self = document.currentScript;
  var tag = 'krosai-conversation';
  if (!self || !self.src) {
    console.error(tag + ': loader.js must be loaded by a classic <script src>, not as a module or inline.');
    return;
  }
  var integrity = ${JSON.stringify(integrity)};
  var policy = { createScript: String, createScriptURL: String };
  if (window.trustedTypes && window.trustedTypes.createPolicy) {
    try { policy = window.trustedTypes.createPolicy(tag + '-loader', policy); } catch (error) {}
  }
  var url = function (file) { return new URL(file, self.src).href; };
  var map = { integrity: {} };
  for (var file in integrity) if (file !== ${JSON.stringify(entryFile)}) map.integrity[url(file)] = integrity[file];
  try {
    if (window.HTMLScriptElement && HTMLScriptElement.supports && HTMLScriptElement.supports('importmap')) {
      var importMap = document.createElement('script');
      importMap.type = 'importmap';
      if (self.nonce) importMap.nonce = self.nonce;
      importMap.textContent = policy.createScript(JSON.stringify(map));
      self.after(importMap);
    }
    var module = document.createElement('script');
    module.type = 'module';
    if (self.nonce) module.nonce = self.nonce;
    module.crossOrigin = self.crossOrigin || 'anonymous';
    module.integrity = integrity[${JSON.stringify(entryFile)}];
    module.onerror = function () {
      console.error(tag + ': ' + module.src + ' could not be loaded. A module script from another origin needs CORS (Access-Control-Allow-Origin) and an unchanged file; see the README, "Hosting".');
    };
    module.src = policy.createScriptURL(url(${JSON.stringify(entryFile)}));
    (importMap || self).after(module);
  } catch (error) {
    console.error(tag + ': the loader could not add the module script of the widget', error);
  }
})();
`;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `a as b, c` → [['a', 'b'], ['c', 'c']] */
const specifiers = (list) =>
  list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [local, exported = local] = part.split(/\s+as\s+/);
      return [local, exported];
    });

/** @param {{ entryFile: string }} options the entry's file name in the output */
export function hostingPlugin({ entryFile }) {
  return {
    name: 'krosai-hosting',
    renderChunk(code, chunk) {
      if (chunk.fileName === entryFile) {
        const exported = /export\s*\{([^}]*)\};?\s*$/.exec(code);
        if (!exported) this.error(`${entryFile}: no export list at its end to register`);
        const entries = specifiers(exported[1]).map(
          ([local, as]) => `${JSON.stringify(as)}: ${local}`,
        );
        return { code: `${code}\n${registry} ??= { ${entries.join(', ')} };\n`, map: null };
      }
      const importer = new RegExp(
        `import\\s*\\{([^}]*)\\}\\s*from\\s*(["'])(?:\\.\\.?/)+${escapeRegExp(entryFile)}\\2;?`,
        'g',
      );
      const rewritten = code.replace(importer, (_, list) => {
        const bindings = specifiers(list).map(([imported, local]) => `${imported}: ${local}`);
        return `const { ${bindings.join(', ')} } = ${registry};`;
      });
      if (rewritten.includes(entryFile)) {
        this.error(
          `${chunk.fileName} still reaches ${entryFile} by URL: a query string would load it twice`,
        );
      }
      return rewritten === code ? null : { code: rewritten, map: null };
    },
    // dist/integrity.json (every script's SRI hash, relative to dist/) and dist/loader.js.
    generateBundle(_, bundle) {
      const integrity = {};
      for (const file of Object.values(bundle).sort((a, b) =>
        a.fileName.localeCompare(b.fileName),
      )) {
        if (file.type === 'chunk') integrity[file.fileName] = sri(file.code);
      }
      const loader = loaderSource(entryFile, integrity);
      this.emitFile({ type: 'asset', fileName: 'loader.js', source: loader });
      const json = {
        comment:
          'SRI hashes of the script-tag bundle, relative to this file. See the README, Hosting.',
        integrity: { ...integrity, 'loader.js': sri(loader) },
      };
      this.emitFile({
        type: 'asset',
        fileName: 'integrity.json',
        source: `${JSON.stringify(json, null, 2)}\n`,
      });
    },
  };
}
