// @ts-check
// In a source checkout, the CLI runs lading's TypeScript from one bundle, rebuilt with esbuild when
// a file of lib/ is newer (an installed package runs its compiled build/ and never gets here). The
// bundle lives in the checkout's .cache/, next to the node_modules its imports resolve from.
// Loading ~150 modules through a TypeScript loader's hooks costs about a second per command; the
// bundle loads natively in a few milliseconds. User apps are still loaded with tsx.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIB = join(ROOT, 'lib');
const OUT = join(ROOT, '.cache', 'lading-cli');

// A key of lib/ as it is now (every file's path, size and mtime): one bundle per state of the
// sources, never moved once written, so concurrent runs (tests) cannot pull it from under each other.
function sourceKey() {
  const hash = createHash('sha1').update(String(statSync(join(ROOT, 'package.json')).mtimeMs));
  const entries = readdirSync(LIB, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
  for (const file of entries) {
    const st = statSync(file);
    hash.update(`${file}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

// Modules that find data files next to themselves keep their own location in the bundle.
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

// Bundles of earlier source states, left by runs that may still be using them for a while.
function removeOldBundles(keep) {
  for (const entry of readdirSync(OUT, { withFileTypes: true })) {
    const dir = join(OUT, entry.name);
    if (entry.name !== keep && Date.now() - statSync(dir).mtimeMs > 10 * 60_000) rmSync(dir, { recursive: true, force: true });
  }
}

/** Returns the file URLs of the bundle's entries, building them first when lib/ changed. */
export async function ensureBundle() {
  const key = sourceKey();
  const dir = join(OUT, key);
  if (!existsSync(join(dir, 'run.mjs'))) {
    const { build } = await import('esbuild');
    const tmp = `${dir}.${process.pid}.tmp`;
    await build({
      entryPoints: { run: join(LIB, 'cli', 'run.ts'), index: join(LIB, 'index.ts') },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outExtension: { '.js': '.mjs' },
      logLevel: 'error',
      plugins: [keepImportMetaUrl],
    });
    // Another run may have finished the same bundle first: then its copy is used.
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    removeOldBundles(key);
  }
  return { run: pathToFileURL(join(dir, 'run.mjs')).href, index: pathToFileURL(join(dir, 'index.mjs')).href };
}
