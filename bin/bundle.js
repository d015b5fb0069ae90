// @ts-check
// The CLI runs lading's TypeScript from one bundle, rebuilt with esbuild when a file of lib/ is
// newer. Loading ~150 modules through a TypeScript loader's hooks costs about a second per
// command; the bundle loads natively in a few milliseconds. User apps are still loaded with tsx.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIB = join(ROOT, 'lib');
const OUT = join(ROOT, '.cache', 'lading-cli');

function newestSource() {
  let newest = statSync(join(ROOT, 'package.json')).mtimeMs;
  for (const entry of readdirSync(LIB, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(join(OUT, 'run.mjs')).mtimeMs;
  } catch {
    return 0;
  }
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

/** Returns the file URL of the bundle's entries, building them first when lib/ changed. */
export async function ensureBundle() {
  if (builtAt() < newestSource()) {
    const { build } = await import('esbuild');
    // Build next to the target and swap it in: concurrent runs (tests) never see half a bundle.
    const tmp = `${OUT}.${process.pid}.tmp`;
    await build({
      entryPoints: { run: join(LIB, 'cli', 'run.ts'), index: join(LIB, 'index.ts') },
      outdir: tmp, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
      packages: 'external', outExtension: { '.js': '.mjs' }, logLevel: 'error', plugins: [keepImportMetaUrl],
    });
    mkdirSync(dirname(OUT), { recursive: true });
    const old = `${OUT}.${process.pid}.old`;
    try { renameSync(OUT, old); } catch { /* first build */ }
    try { renameSync(tmp, OUT); } catch { rmSync(tmp, { recursive: true, force: true }); } // another run won
    rmSync(old, { recursive: true, force: true });
  }
  return { run: pathToFileURL(join(OUT, 'run.mjs')).href, index: pathToFileURL(join(OUT, 'index.mjs')).href };
}
