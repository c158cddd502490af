// Runs eSpeak NG (the WebAssembly build shipped by the `text2wav` package) off the emulator's main
// thread: one message `{id, text}` in, one `{id, wav}` or `{id, error}` out. Synthesis takes about
// 100 ms per sentence, which would otherwise stall the emulator's media forwarding. Plain
// JavaScript, since a worker thread does not inherit the TypeScript loader.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const runEspeak = require('text2wav/lib/espeak-ng.js');
// Compiled once; each synthesis instantiates it afresh (the build keeps state between runs).
const wasm = new WebAssembly.Module(readFileSync(require.resolve('text2wav/lib/espeak-ng.wasm')));

/** eSpeak NG's command line, run once: a 22 050 Hz mono 16-bit WAV of `text`, as bytes. */
function speak(text) {
  return new Promise((resolve, reject) => {
    const errors = [];
    const module = {
      arguments: ['-v', 'en-us', '-s', '165', '-w', 'speech.wav', text],
      print: () => {},
      printErr: (message) => errors.push(message),
      // Asynchronous on purpose: the build mounts its voice data right after it is called.
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(wasm, imports).then(done, reject);
        return {};
      },
      postRun() {
        const file = module.FS?.root.contents['speech.wav'];
        module.FS?.unmount('/usr/share');
        if (file) resolve(Uint8Array.from(file.contents));
        else reject(new Error(`eSpeak NG wrote nothing: ${errors.join('; ')}`));
      },
    };
    runEspeak(module);
  });
}

parentPort?.on('message', ({ id, text }) => {
  speak(text).then(
    (wav) => parentPort?.postMessage({ id, wav }, [wav.buffer]),
    (error) => parentPort?.postMessage({ id, error: String(error) }),
  );
});
