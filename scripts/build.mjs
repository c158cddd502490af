// `npm run build`: the script-tag bundle (Vite), the npm entry points with types (tsc) and the
// Custom Elements Manifest (generated from the class JSDoc).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'vite';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
await build({ logLevel: 'warn' });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', [
  'cem',
  'analyze',
  '--litelement',
  '--globs',
  'src/**/*.ts',
  '--outdir',
  'dist',
  '--quiet',
]);
console.log(
  'Built dist/krosai-conversation.js, dist/lib/ (npm entry points) and dist/custom-elements.json',
);
