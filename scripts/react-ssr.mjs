// Server rendering for test/element/react-ssr-hydration.test.ts: test/element/react-ssr-page.ts
// (and the wrapper, src/react.ts, from source) bundled for Node with esbuild, packages left to
// Node (React 19 and Lit from node_modules, as a server would load them), then renderToString.
// In a process of its own (`node scripts/react-ssr.mjs '<config JSON>'` prints the HTML): React's
// development build logs through the runner's patched console, which it cannot call.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const ROOT = process.cwd();
const OUT = join(ROOT, 'node_modules/.cache/krosai-react-ssr/page.mjs');

async function loadPage() {
  mkdirSync(join(OUT, '..'), { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'test/element/react-ssr-page.ts')],
    outfile: OUT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    // package.json's sideEffects name dist/ files: keep src/define.ts as the package keeps define.js.
    ignoreAnnotations: true,
    tsconfig: join(ROOT, 'tsconfig.json'),
  });
  return import(pathToFileURL(OUT).href);
}

/** The page's HTML as a server renders it, for `config` (JSON: no functions). */
export async function renderPage(config) {
  const script = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, [script, JSON.stringify(config)], {
    cwd: ROOT,
  });
  return stdout;
}

async function render(config) {
  const [{ SupportPage }, React, Server] = await Promise.all([
    loadPage(),
    import('react'),
    import('react-dom/server'),
  ]);
  return Server.renderToString(React.createElement(SupportPage, { config }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(await render(JSON.parse(process.argv[2])));
}
