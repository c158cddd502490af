// dist/lib/voice/livekit-voice-session.js as one self-contained ES module: livekit-client and its
// dependencies bundled in, so that the npm package does not depend on livekit-client (whose
// dependency machina asks for a newer Node than ours, see README "Package"). The module's own
// imports of the package's files (../errors.js, ./agent-audio.js, …) stay as they are: tsc emits
// those next to it, and the element's classes (KrosaiError) must stay one copy. Run after tsc.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ENTRY = fileURLToPath(new URL('../src/voice/livekit-voice-session.ts', import.meta.url));

/** Relative imports of the entry are the package's own modules: left to tsc's output. */
const keepPackageImports = {
  name: 'keep-package-imports',
  enforce: 'pre',
  resolveId(source, importer) {
    if (importer === ENTRY && source.startsWith('.')) return { id: source, external: true };
    return null;
  },
};

export async function buildVoiceLib() {
  // tsc's map described the module this build replaces; the bundle ships without one.
  rmSync('dist/lib/voice/livekit-voice-session.js.map', { force: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [keepPackageImports],
    build: {
      outDir: 'dist/lib/voice',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: false,
      minify: false,
      copyPublicDir: false,
      lib: { entry: ENTRY, formats: ['es'], fileName: () => 'livekit-voice-session.js' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
}
