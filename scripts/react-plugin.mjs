// A web-test-runner plugin that serves React to test pages (test/element/react-wrapper.test.ts).
// React ships CommonJS only and the runner does not bundle: `react` and `react-dom/client` are
// bundled once with esbuild, and served as ES modules with their named exports.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const PREFIX = '/__react/';
const MODULES = { react: 'react.js', 'react-dom/client': 'react-dom-client.js' };

async function bundle() {
  const result = await build({
    stdin: {
      contents:
        "import React from 'react'; import * as Client from 'react-dom/client'; export { React, Client };",
      resolveDir: process.cwd(),
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
function facade(name, binding) {
  // Read in a child process: React's development build logs through the runner's patched console.
  const keys = execFileSync(process.execPath, [
    '-p',
    `JSON.stringify(Object.keys(require(${JSON.stringify(name)})))`,
  ]);
  const names = JSON.parse(String(keys)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key));
  return [
    `import { ${binding} as module } from './bundle.js';`,
    'export default module;',
    `export const { ${names.join(', ')} } = module;`,
  ].join('\n');
}

export function reactPlugin() {
  let bundled;
  return {
    name: 'krosai-react',
    resolveImport({ source }) {
      const file = MODULES[source];
      return file === undefined ? undefined : `${PREFIX}${file}`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const file = context.path.slice(PREFIX.length);
      if (file === 'bundle.js') {
        bundled ??= bundle();
        return { body: await bundled, type: 'js' };
      }
      if (file === MODULES.react) return { body: facade('react', 'React'), type: 'js' };
      if (file === MODULES['react-dom/client']) {
        return { body: facade('react-dom/client', 'Client'), type: 'js' };
      }
      return undefined;
    },
  };
}
