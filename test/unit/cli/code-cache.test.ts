// bin/bundle-load.js: the CLI bundle run with V8's code cache. A missing, corrupt or unwritable
// cache never changes what runs; the cache is written where it may be (never inside a package).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

interface Loaded {
  runCommand(name: string, args: unknown[]): Promise<string>;
  index: string;
}
// Plain JavaScript (bin/ loads nothing else): typed here.
const LOADER = new URL('../../../bin/bundle-load.js', import.meta.url).href;
const { loadBundle, saveCodeCache } = (await import(LOADER)) as {
  loadBundle(dir: string, beside: boolean): Promise<Loaded>;
  saveCodeCache(): void;
};

// One CLI run in a process of its own (V8 also keeps compiled code in memory within a process).
function runOnce(dir: string): string {
  const script = `const { loadBundle, saveCodeCache } = await import(${JSON.stringify(LOADER)});
const b = await loadBundle(${JSON.stringify(dir)}, true); process.stdout.write(await b.runCommand('apply', [])); saveCodeCache();`;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return res.stdout;
}

// A bundle as bin/bundle.js lays it out: cli.cjs (CommonJS, import() as __ladingImport) and import.mjs.
function bundleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-code-cache-'));
  writeFileSync(
    join(dir, 'cli.cjs'),
    `const { basename } = require('node:path');
exports.runCommand = async (name) => (await __ladingImport('node:path')).basename('/x/' + name) + ':' + basename(__filename);
let initialized = 0;
exports.index = () => ({ answer: 42, initialized: ++initialized });
`,
  );
  writeFileSync(join(dir, 'import.mjs'), 'export default (specifier) => import(specifier);\n');
  return dir;
}

const caches = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

test('the first run writes the code cache beside a checkout bundle; later runs use it', async () => {
  const dir = bundleDir();
  const first = await loadBundle(dir, true);
  assert.equal(await first.runCommand('synth', []), 'synth:cli.cjs');
  assert.deepEqual(caches(dir), []);
  saveCodeCache();
  assert.equal(caches(dir).length, 1);
  const written = readFileSync(join(dir, caches(dir)[0]!));
  const second = await loadBundle(dir, true);
  assert.equal(await second.runCommand('diff', []), 'diff:cli.cjs');
  saveCodeCache(); // V8 took the cache: nothing to write
  assert.deepEqual(readFileSync(join(dir, caches(dir)[0]!)), written);
  assert.equal(second.index, new URL(`file://${join(dir, 'index.mjs')}`).href);
  // lading's API is initialized when an app file first reads it, not when the bundle loads.
  assert.deepEqual((globalThis as { __LADING_API__?: unknown }).__LADING_API__, { answer: 42, initialized: 1 });
});

test('a corrupt cache is refused by V8, the bundle runs as written, and the cache is rewritten', async () => {
  const dir = bundleDir();
  assert.equal(runOnce(dir), 'apply:cli.cjs');
  const cache = join(dir, caches(dir)[0]!);
  const garbage = Buffer.from('not a code cache, or one an attacker crafted badly');
  writeFileSync(cache, garbage);
  assert.equal(runOnce(dir), 'apply:cli.cjs');
  const rewritten = readFileSync(cache);
  assert.notDeepEqual(rewritten, garbage);
  // V8 takes the rewritten cache: the next run leaves it as it is.
  assert.equal(runOnce(dir), 'apply:cli.cjs');
  assert.deepEqual(readFileSync(cache), rewritten);
});

test("an installed package's cache goes to the user's cache directory (mode 0700), never beside the bundle", async () => {
  const dir = bundleDir();
  const home = mkdtempSync(join(tmpdir(), 'lading-xdg-'));
  const previous = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = home;
  try {
    await loadBundle(dir, false);
    saveCodeCache();
    assert.deepEqual(caches(dir), []);
    const where = join(home, 'lading', 'code-cache');
    assert.equal(caches(where).length, 1);
    assert.equal(statSync(where).mode & 0o777, 0o700);
  } finally {
    if (previous === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = previous;
  }
});

test('an unwritable cache location is no error: the next run compiles again', async (t) => {
  if (process.getuid?.() === 0) t.diagnostic('running as root: the folder stays writable, the write is still attempted');
  const dir = bundleDir();
  chmodSync(dir, 0o500);
  try {
    const bundle = await loadBundle(dir, true);
    assert.equal(await bundle.runCommand('status', []), 'status:cli.cjs');
    assert.doesNotThrow(() => saveCodeCache());
  } finally {
    chmodSync(dir, 0o700);
  }
});
