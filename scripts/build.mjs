// `npm run build`: the script-tag bundle (Vite), the npm entry points with types (tsc) and the
// Custom Elements Manifest of the element (generated from its class JSDoc, see api-docs.mjs).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'vite';
import { elementManifest } from './api-docs.mjs';
import { buildVoiceLib } from './build-voice-lib.mjs';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
await build({ logLevel: 'warn' });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
await buildVoiceLib();
writeFileSync('dist/custom-elements.json', `${JSON.stringify(elementManifest(), null, 2)}\n`);
console.log(
  'Built dist/krosai-conversation.js, dist/lib/ (npm entry points) and dist/custom-elements.json',
);
