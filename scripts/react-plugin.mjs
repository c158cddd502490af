// A web-test-runner plugin that serves React to test pages (test/element/react-wrapper*.test.ts).
// React ships CommonJS only and the runner does not bundle: `react` and `react-dom/client` are
// bundled once with esbuild, and served as ES modules with their named exports.
// Two Reacts: 19 from the repository's node_modules under /__react/, and 18 from test/react18/
// (its own package: react-dom 18's peer dependency cannot share the React 19 tree) under
// /__react18/. A module requested with `?react=18` (the wrapper, src/react.ts?react=18) gets
// React 18 for its bare `react`; everything else gets React 19.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { renderPage } from './react-ssr.mjs';

const ROOT = process.cwd();
const REACT18 = join(ROOT, 'test/react18');
const MODULES = { react: 'react.js', 'react-dom/client': 'react-dom-client.js' };
const VERSIONS = {
  19: { prefix: '/__react/', dir: ROOT },
  18: { prefix: '/__react18/', dir: REACT18 },
};

/** test/react18's own install, from its lockfile, the first time a page asks for React 18. */
function installReact18() {
  if (existsSync(join(REACT18, 'node_modules/react-dom/package.json'))) return;
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--silent'], { cwd: REACT18 });
}

async function bundle(dir) {
  const result = await build({
    stdin: {
      contents:
        "import React from 'react'; import * as Client from 'react-dom/client'; export { React, Client };",
      resolveDir: dir,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  return result.outputFiles[0].text;
}

/** `export default X; export const { a, b } = X;` for every export name of the CommonJS module. */
function facade(name, binding, dir) {
  // Read in a child process: React's development build logs through the runner's patched console.
  const keys = execFileSync(
    process.execPath,
    ['-p', `JSON.stringify(Object.keys(require(${JSON.stringify(name)})))`],
    { cwd: dir },
  );
  const names = JSON.parse(String(keys)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key));
  return [
    `import { ${binding} as module } from './bundle.js';`,
    'export default module;',
    `export const { ${names.join(', ')} } = module;`,
  ].join('\n');
}

export function reactPlugin() {
  const bundled = {};
  return {
    name: 'krosai-react',
    async executeCommand({ command, payload }) {
      return command === 'krosai-react-ssr' ? renderPage(payload) : undefined;
    },
    resolveImport({ source, context }) {
      const file = MODULES[source];
      if (file === undefined) return undefined;
      const version = new URLSearchParams(context.querystring).get('react') === '18' ? 18 : 19;
      return `${VERSIONS[version].prefix}${file}`;
    },
    async serve(context) {
      const version = Object.keys(VERSIONS).find((v) =>
        context.path.startsWith(VERSIONS[v].prefix),
      );
      if (version === undefined) return undefined;
      const { prefix, dir } = VERSIONS[version];
      if (version === '18') installReact18();
      const file = context.path.slice(prefix.length);
      if (file === 'bundle.js') {
        bundled[version] ??= bundle(dir);
        return { body: await bundled[version], type: 'js' };
      }
      if (file === MODULES.react) return { body: facade('react', 'React', dir), type: 'js' };
      if (file === MODULES['react-dom/client']) {
        return { body: facade('react-dom/client', 'Client', dir), type: 'js' };
      }
      return undefined;
    },
  };
}
