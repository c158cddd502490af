import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
import { devtoolsPlugin } from './scripts/devtools-plugin.mjs';
import { emulatorPlugin } from './scripts/emulator-plugin.mjs';
import { networkPlugin } from './scripts/network-plugin.mjs';
import { reactPlugin } from './scripts/react-plugin.mjs';

export default {
  files: ['test/**/*.test.ts', '!test/node/**', '!test/next/**', '!test/apps/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    emulatorPlugin(),
    networkPlugin(),
    devtoolsPlugin(),
    reactPlugin(),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  // Two cores: one test file at a time keeps WebRTC and timers honest.
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
};
