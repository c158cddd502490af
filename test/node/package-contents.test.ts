// The npm tarball as `npm pack` writes it (issue 12, package hygiene): exactly the expected files
// (the sources, their build output, the script-tag bundle; no tests, no emulator, no scripts),
// every `exports` target present, every source map resolvable inside the tarball, and an
// install of it with `--omit=dev` whose dependency tree accepts our `engines` (Node 20.19) and
// does not hold livekit-client (bundled into dist/lib/voice/livekit-voice-session.js).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
};

/** The Node version our `engines` promises (package.json: `>=20.19`). */
const OUR_NODE = '20.19.0';
/** The one dist/lib module that is a bundle (livekit-client inside) and has no source map. */
const VOICE_BUNDLE = 'dist/lib/voice/livekit-voice-session.js';

function ok(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${output}`);
  return output;
}

let work = '';
let tarball = '';
/** Paths inside the tarball, without the leading `package/`. */
let files = new Set<string>();
/** The tarball unpacked. */
let unpacked = '';

before(() => {
  ok(process.execPath, ['scripts/build.mjs'], ROOT);
  work = mkdtempSync(join(tmpdir(), 'krosai-package-'));
  ok('npm', ['pack', '--silent', '--pack-destination', work], ROOT);
  const [name] = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  assert.ok(name, 'npm pack wrote a tarball');
  tarball = join(work, name);
  const listed = ok('tar', ['-tzf', tarball], work).split('\n').filter(Boolean);
  files = new Set(listed.filter((f) => !f.endsWith('/')).map((f) => f.replace(/^package\//, '')));
  ok('tar', ['-xzf', tarball, '-C', work], work);
  unpacked = join(work, 'package');
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every file under a directory of the repository, relative to the repository. */
function repoFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      posix.join(join(entry.parentPath).slice(ROOT.length).replaceAll('\\', '/'), entry.name),
    );
}

/** What the tarball must hold, from the repository's src/ (each module's build output too). */
function expectedFiles(): Set<string> {
  const expected = new Set(['package.json', 'README.md', 'CHANGELOG.md']);
  for (const source of repoFiles('src')) {
    expected.add(source);
    const out = `dist/lib/${source.slice('src/'.length).replace(/\.ts$/, '')}`;
    for (const suffix of ['.js', '.js.map', '.d.ts', '.d.ts.map']) expected.add(`${out}${suffix}`);
  }
  expected.delete(`${VOICE_BUNDLE}.map`);
  expected.add('dist/custom-elements.json');
  expected.add('dist/krosai-conversation.js');
  expected.add('dist/krosai-conversation.js.map');
  // The hosting build's extras, where it writes them: a classic-script loader, every chunk's SRI.
  for (const extra of ['dist/loader.js', 'dist/integrity.json']) {
    if (existsSync(join(ROOT, extra))) expected.add(extra);
  }
  return expected;
}

/** The script-tag bundle's lazy chunks (hashed names), each with its map. */
const isChunk = (file: string) => /^dist\/chunks\/[\w-]+\.js(\.map)?$/.test(file);

describe('npm pack', () => {
  test('holds exactly the expected files', () => {
    const packed = [...files].filter((f) => !isChunk(f)).sort();
    assert.deepEqual(packed, [...expectedFiles()].sort());
    const chunks = [...files].filter(isChunk);
    assert.ok(
      chunks.some((f) => /livekit-voice-session.*\.js$/.test(f)),
      'the voice chunk',
    );
    for (const chunk of chunks.filter((f) => f.endsWith('.js'))) {
      assert.ok(files.has(`${chunk}.map`), `${chunk} has its map`);
    }
    for (const file of files) {
      assert.doesNotMatch(file, /(^|\/)(test|tests|emulator|scripts|node_modules)\//, file);
      assert.doesNotMatch(file, /\.test\.|\.tgz$/, file);
    }
  });

  test('every exports target (and main, module, types) is in the tarball', () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
    const targets: string[] = [manifest.main, manifest.module, manifest.types];
    const collect = (value: unknown) => {
      if (typeof value === 'string') targets.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(manifest.exports);
    targets.push(manifest.customElements);
    assert.ok(targets.length > 20, 'the exports map was read');
    for (const target of targets) {
      assert.ok(files.has(posix.normalize(target)), `${target} is packed`);
    }
  });

  test('every source map resolves inside the tarball', () => {
    const maps = [...files].filter((f) => f.endsWith('.map'));
    assert.ok(
      maps.some((f) => f.startsWith('dist/lib/')),
      'dist/lib has maps',
    );
    for (const map of maps) {
      const parsed = JSON.parse(readFileSync(join(unpacked, map), 'utf8')) as {
        sources: string[];
        sourceRoot?: string;
        sourcesContent?: (string | null)[];
      };
      assert.ok(parsed.sources.length > 0, `${map} names its sources`);
      parsed.sources.forEach((source, index) => {
        // A source carried inside the map (the script-tag bundle's) needs no file.
        if (typeof parsed.sourcesContent?.[index] === 'string') return;
        const file = posix.normalize(posix.join(dirname(map), parsed.sourceRoot ?? '', source));
        assert.ok(files.has(file), `${map}: ${source} (${file}) is packed`);
      });
      const generated = map.replace(/\.map$/, '');
      assert.ok(files.has(generated), `${map} sits beside ${generated}`);
    }
    const bundle = readFileSync(join(unpacked, VOICE_BUNDLE), 'utf8');
    assert.doesNotMatch(bundle, /sourceMappingURL/, 'the voice bundle points at no map');
  });

  test('dist/lib imports lit and idb by name; the voice module has livekit-client inside', () => {
    const lib = [...files].filter((f) => f.startsWith('dist/lib/') && f.endsWith('.js'));
    const bare = new Set<string>();
    for (const file of lib) {
      const code = readFileSync(join(unpacked, file), 'utf8');
      for (const m of code.matchAll(/^(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/gm)) {
        if (!m[1].startsWith('.')) bare.add(m[1].split('/')[0]);
      }
    }
    assert.ok(bare.has('lit') && bare.has('idb'), [...bare].join(', '));
    assert.ok(!bare.has('livekit-client') && !bare.has('@livekit'), [...bare].join(', '));
    const voice = readFileSync(join(unpacked, VOICE_BUNDLE), 'utf8');
    assert.match(voice, /^import \{ KrosaiError, toKrosaiError \} from "\.\.\/errors\.js";$/m);
    assert.match(voice, /class Room extends/);
  });
});

describe('installed with --omit=dev', () => {
  test('no package in the tree excludes Node 20.19, and livekit-client is not installed', () => {
    const app = join(work, 'app');
    ok('mkdir', ['-p', app], work);
    writeFileSync(join(app, 'package.json'), '{ "name": "probe", "private": true }\n');
    const output = ok(
      'npm',
      [
        'install',
        tarball,
        '--omit=dev',
        '--ignore-scripts',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
      ],
      app,
    );
    assert.doesNotMatch(output, /EBADENGINE/, output);
    const modules = join(app, 'node_modules');
    assert.ok(existsSync(join(modules, 'krosai-conversation/package.json')));
    assert.ok(!existsSync(join(modules, 'livekit-client')), 'livekit-client is not installed');
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } }>;
    };
    const installed = Object.keys(lock.packages).filter((path) => path.includes('node_modules/'));
    assert.ok(
      installed.some((path) => path.endsWith('node_modules/lit')),
      installed.join(', '),
    );
    for (const path of installed) {
      assert.doesNotMatch(path, /node_modules\/(livekit-client|@livekit\/|machina)$/, path);
      const manifest = JSON.parse(readFileSync(join(app, path, 'package.json'), 'utf8'));
      const range = manifest.engines?.node;
      if (typeof range !== 'string') continue;
      assert.ok(semver.satisfies(OUR_NODE, range), `${path} needs node ${range}`);
    }
  });
});
