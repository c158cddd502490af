// A web-test-runner plugin: starts ONE emulator child process for the whole test run, stops it
// when the runner stops, and tells test pages where it is via `GET /__emulator.json`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 60_000;

export function emulatorPlugin() {
  let child;
  let info;

  const kill = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };

  return {
    name: 'krosai-emulator',

    async serverStart() {
      child = spawn(
        process.execPath,
        ['--import', 'tsx', 'emulator/main.ts', '--port', '0', '--json', '--exit-on-stdin-close'],
        { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
      );
      // Whatever way the runner ends, the emulator ends with it.
      process.once('exit', kill);
      info = await readReadyLine(child);
    },

    async serverStop() {
      if (!child) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      kill();
      await exited;
      process.off('exit', kill);
      child = undefined;
    },

    serve(context) {
      if (context.path === '/__emulator.json') {
        return {
          body: JSON.stringify(info),
          type: 'json',
          headers: { 'cache-control': 'no-store' },
        };
      }
    },
  };
}

/** The emulator prints one JSON line `{url, apiKey, …}` on stdout once it listens. */
function readReadyLine(child) {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(
      () => fail(new Error('emulator did not start in time')),
      READY_TIMEOUT_MS,
    );
    const fail = (error) => {
      clearTimeout(timer);
      lines.close();
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`emulator exited early (code ${code})`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`emulator printed an unexpected line: ${line}`));
      }
      // Keep draining stdout so a chatty emulator never blocks on a full pipe.
      lines.on('line', () => {});
    });
  });
}
