import { defineConfig } from 'vite';
import { hostingPlugin } from './scripts/hosting-plugin.mjs';

// Builds dist/krosai-conversation.js: one self-contained ES module (lit and idb inside) that a page
// loads with a script tag. The voice code is reached only through import(), so it lands in its
// own chunk under dist/chunks/ and is fetched when the visitor first reaches for the microphone.
export default defineConfig({
  plugins: [hostingPlugin({ entryFile: 'krosai-conversation.js' })],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'krosai-conversation.js',
    },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
});
