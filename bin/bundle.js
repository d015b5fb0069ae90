// @ts-check
// In a source checkout, the CLI runs lading's TypeScript from one bundle, rebuilt with esbuild when
// a file of lib/ is newer (an installed package runs its compiled build/ and never gets here). The
// bundle lives in the checkout's .cache/, next to the node_modules its imports resolve from.
// Loading ~150 modules through a TypeScript loader's hooks costs about a second per command; the
// bundle loads natively in a few milliseconds. The package's build/ holds the same bundle (scripts/build.mjs).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIB = join(ROOT, 'lib');
const OUT = join(ROOT, '.cache', 'lading-cli');

// A key of lib/ as it is now (every file's path, size and mtime): one bundle per state of the
// sources, never moved once written, so concurrent runs (tests) cannot pull it from under each other.
function sourceKey() {
  // package.json (the dependencies) and this file (the bundle's options) count too.
  const hash = createHash('sha1').update(`${statSync(join(ROOT, 'package.json')).mtimeMs}\0${statSync(fileURLToPath(import.meta.url)).mtimeMs}`);
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

// Packages that stay outside the bundle: constructs and cdk8s must be the very classes a user's app
// imports (one instance each), the rest are loaded on demand only (a cluster client, the app
// compilers). Everything else of node_modules (zod, diff, dotenv, ...) is bundled: resolving and
// reading a few hundred small files of theirs was ~50 ms of every command.
const EXTERNAL = ['constructs', 'cdk8s', 'cdk8s-plus-*', 'tsx', 'tsx/*', 'esbuild', '@kubernetes/client-node', 'lading', 'yaml'];

/**
 * esbuild options of the CLI bundle: the entries run (lib/cli/run.ts) and index (lib/index.ts),
 * split into shared chunks (one instance of each module). `metaUrl(file)` is the expression that
 * replaces `import.meta.url` in `file` (modules that find data files next to themselves).
 * @param {{ outdir: string, metaUrl: (file: string) => string }} o
 */
export function bundleOptions(o) {
  return {
    entryPoints: { run: join(LIB, 'cli', 'run.ts'), index: join(LIB, 'index.ts') },
    outdir: o.outdir,
    bundle: true,
    splitting: true,
    format: /** @type {const} */ ('esm'),
    platform: /** @type {const} */ ('node'),
    target: 'node20',
    external: EXTERNAL,
    // A bundled CommonJS package may require() Node's built-ins: give ES modules a require.
    banner: { js: "import { createRequire as __ladingCreateRequire } from 'node:module'; const require = __ladingCreateRequire(import.meta.url);" },
    outExtension: { '.js': '.mjs' },
    logLevel: /** @type {const} */ ('error'),
    plugins: [
      {
        // zod's ~40 message locales are a third of its code and every command compiled them; lading
        // (and the `z` it exports) speaks English. A project that wants another locale imports zod itself.
        name: 'zod-english-only',
        /** @param {import('esbuild').PluginBuild} build */
        setup(build) {
          build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
            args.importer.includes(`${sep}zod${sep}`)
              ? { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' }
              : undefined,
          );
          build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
            contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
            loader: 'js',
            resolveDir: dirname(args.path),
          }));
        },
      },
      {
        name: 'keep-import-meta-url',
        /** @param {import('esbuild').PluginBuild} build */
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, (args) => {
            const text = readFileSync(args.path, 'utf8');
            if (!text.includes('import.meta.url')) return undefined;
            return { contents: text.replaceAll('import.meta.url', o.metaUrl(args.path)), loader: 'ts' };
          });
        },
      },
    ],
  };
}

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
    // In a checkout, a module keeps its own location: lib/ is there.
    await build(bundleOptions({ outdir: tmp, metaUrl: (file) => JSON.stringify(pathToFileURL(file).href) }));
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
