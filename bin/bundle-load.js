// @ts-check
// Loads the CLI bundle (one CommonJS file, bin/bundle.js) with V8's code cache: compiling ~1.5 MB of
// JavaScript was the largest part of a small command's start; a cached run deserializes the code
// compiled by an earlier run instead. (Node 22 has module.enableCompileCache(); Node 20 has vm.Script's
// cachedData.) The cache is written after a command when there was none or V8 refused it, beside a
// checkout's bundle or in the user's cache directory for an installed package: never inside it.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

/** @type {{ script: Script, file: string } | undefined} */
let pending;

// Marks a cache as used (once a day at most: a write per run would cost more than it says).
function touch(file) {
  if (Date.now() - statSync(file).mtimeMs > 24 * 3600_000) utimesSync(file, new Date(), new Date());
}

/** Where the code cache of `file` lives: beside it (a checkout's .cache) or in ~/.cache/lading. */
function cacheFileOf(file, beside) {
  const st = statSync(file);
  const key = createHash('sha1').update(`${file}\0${st.size}\0${st.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  const dir = beside ? dirname(file) : join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lading', 'code-cache');
  return join(dir, `${key}.v8cache`);
}

/**
 * Runs the bundle in `dir` (bin/bundle.js) and returns its exports: runCommand, and lading's API,
 * which app files get through the folder's index.mjs. `beside`: the code cache may be written in
 * `dir` (a checkout's own .cache/), else in the user's cache directory.
 * @param {string} dir
 * @param {boolean} beside
 */
export async function loadBundle(dir, beside) {
  const file = join(dir, 'cli.cjs');
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheFileOf(file, beside);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
    touch(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __ladingImport) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (!cachedData || script.cachedDataRejected) pending = { script, file: cacheFile };
  const { default: importHere } = await import(pathToFileURL(join(dir, 'import.mjs')).href);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir, importHere);
  const bundle = /** @type {{ runCommand: (name: string, args: unknown[]) => Promise<number>, index: () => Record<string, unknown> }} */ (module.exports);
  // What app files import as 'lading' (index.mjs reads it): this bundle's objects, initialized then.
  Object.defineProperty(globalThis, '__LADING_API__', { configurable: true, get: () => bundle.index() });
  return { runCommand: bundle.runCommand, index: pathToFileURL(join(dir, 'index.mjs')).href };
}

// Caches of bundles no run has used for a month (other versions, removed checkouts) go.
function removeUnused(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.endsWith('.v8cache') && Date.now() - statSync(path).mtimeMs > 30 * 24 * 3600_000) rmSync(path, { force: true });
  }
}

/** Writes the code cache of the bundle run by this process, if it had none (after the command ran). */
export function saveCodeCache() {
  if (!pending) return;
  const { script, file } = pending;
  pending = undefined;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    renameSync(tmp, file);
    removeUnused(dirname(file));
  } catch {
    // A read-only home or cache: the next run compiles again, as this one did.
  }
}
