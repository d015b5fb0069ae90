// @ts-check
// The CLI runs lading from one bundle: a single CommonJS file that bin/bundle-load.js runs with
// V8's code cache, beside an ES module that app files import as 'lading' (the bundle's own API
// object, so apps and synthesizer share one class of each construct). In a source checkout it is
// built with esbuild when a file of lib/ changes, in the checkout's .cache/ (next to the
// node_modules its imports resolve from); the package ships it in build/cli-bundle/ (scripts/build.mjs).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * esbuild options of the CLI bundle: lib/cli/bundle-entry.ts (the commands and lading's API) as
 * one CommonJS file, cli.cjs, in `outdir`. `metaUrl(file)` is the expression that replaces
 * `import.meta.url` in `file` (modules that find data files next to themselves).
 * @param {{ outdir: string, metaUrl: (file: string) => string }} o
 */
export function bundleOptions(o) {
  return {
    entryPoints: { cli: join(LIB, 'cli', 'bundle-entry.ts') },
    outdir: o.outdir,
    bundle: true,
    format: /** @type {const} */ ('cjs'),
    platform: /** @type {const} */ ('node'),
    target: 'node20',
    external: EXTERNAL,
    outExtension: { '.js': '.cjs' },
    logLevel: /** @type {const} */ ('error'),
    metafile: true,
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

// Dynamic import() is not available to code run by vm.Script without a Node flag: the bundle calls
// __ladingImport() instead, which bin/bundle-load.js gives it (an import from the bundle's folder).
const DYNAMIC_IMPORT = /(?<![\w$.])import\(/g;

/**
 * Builds the bundle into `outdir`: cli.cjs, index.mjs (lading's API as an ES module, for app files)
 * and import.mjs (dynamic imports resolved from the bundle's folder).
 * @param {{ outdir: string, metaUrl: (file: string) => string }} o
 */
export async function buildBundle(o) {
  const { build } = await import('esbuild');
  await build(bundleOptions(o));
  const cli = join(o.outdir, 'cli.cjs');
  writeFileSync(cli, readFileSync(cli, 'utf8').replace(DYNAMIC_IMPORT, '__ladingImport('));
  // The names lading exports, read from an ES module build of its index (not written).
  const esm = await build({
    entryPoints: [join(LIB, 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    write: false,
    metafile: true,
    outdir: o.outdir,
    logLevel: 'error',
  });
  const names = Object.values(esm.metafile.outputs)
    .flatMap((out) => out.exports)
    .sort();
  writeFileSync(
    join(o.outdir, 'index.mjs'),
    [
      "// lading's API as app files import it: the objects of the CLI bundle that is running (bin/bundle-load.js).",
      'const api = globalThis.__LADING_API__;',
      "if (!api) throw new Error('this module is the lading CLI bundle\\'s API: it is imported by app files that the lading command loads');",
      ...names.map((name) => `export const ${name} = api.${name};`),
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(o.outdir, 'import.mjs'),
    "// import() from the bundle's folder, for the bundle (see bin/bundle.js).\nexport default (specifier) => import(specifier);\n",
  );
}

/** Returns the bundle's folder, building it first when lib/ changed. */
export async function ensureBundle() {
  const key = sourceKey();
  const dir = join(OUT, key);
  if (!existsSync(join(dir, 'import.mjs'))) {
    const tmp = `${dir}.${process.pid}.tmp`;
    // In a checkout, a module keeps its own location: lib/ is there.
    await buildBundle({ outdir: tmp, metaUrl: (file) => JSON.stringify(pathToFileURL(file).href) });
    // Another run may have finished the same bundle first: then its copy is used.
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    removeOldBundles(key);
  }
  return dir;
}
