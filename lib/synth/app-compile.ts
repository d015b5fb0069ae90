import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isBuiltin } from 'node:module';

/**
 * App files compiled ahead of their import (the CLI's fast path): all app files of a run are
 * bundled by esbuild into native ES modules (shared helpers become shared chunks, so each module
 * still has one instance), cached by the path, size and mtime of every file that went in. A
 * warm run stats those files and imports plain JavaScript: no TypeScript loader, whose hooks run
 * every later import through a worker thread (measured: 0.2–0.3 s of a 1 s `lading synth`).
 *
 * Anything this cannot reproduce exactly as Node and tsx would load it makes it answer
 * `undefined`, and the caller loads the files with tsx as before (the same messages for a syntax
 * error, a missing module, a dynamic import of a computed path).
 */

interface CacheRecord {
  readonly inputs: readonly { path: string; size: number; mtimeMs: number }[];
  /** Absolute app file → file URL of its compiled module. */
  readonly outputs: Record<string, string>;
}

const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|jsx)$/;
// `import(x)` of a computed specifier resolves against the compiled file's location, not the source's.
const COMPUTED_IMPORT = /\bimport\s*\(\s*(?!['"`])/;
const IMPORT_META = /import\.meta\.(url|filename|dirname)\b/g;

class NotCompilable extends Error {}

/** The nearest directory at or above `dir` that holds node_modules, if any. */
function packageRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

// Compiled modules live where bare imports resolve as from the sources (node_modules/.cache below
// the package root: Node's lookup climbs to the same node_modules); without a package root, in the
// temp directory, and then only 'lading' and Node's built-ins may be imported.
function cacheDirOf(root: string | undefined): string {
  return root ? join(root, 'node_modules', '.cache', 'lading-apps') : join(tmpdir(), `lading-apps-${userInfo().uid}`);
}

function fingerprint(path: string): { path: string; size: number; mtimeMs: number } | undefined {
  try {
    const st = statSync(path);
    return { path, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function readRecord(file: string): CacheRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as CacheRecord;
    const fresh = record.inputs.every((i) => {
      const now = fingerprint(i.path);
      return now ? now.size === i.size && now.mtimeMs === i.mtimeMs : i.size === -1;
    });
    return fresh ? record : undefined;
  } catch {
    return undefined;
  }
}

// The output of the record this build replaced, once no run started before it can still be loading it.
function removeSuperseded(previousRecord: string, current: string): void {
  const old = /"(file:[^"]+)"/.exec(previousRecord)?.[1];
  if (!old) return;
  const cache = dirname(current);
  const oldDir = join(cache, relative(cache, fileURLToPath(old)).split(sep)[0] ?? '');
  try {
    if (oldDir !== current && oldDir !== cache && Date.now() - statSync(oldDir).mtimeMs > 10 * 60_000) {
      rmSync(oldDir, { recursive: true, force: true });
    }
  } catch {
    // Already gone.
  }
}

/**
 * File URLs of the compiled modules of `files` (absolute paths), built when a source changed;
 * undefined when they must be loaded with tsx instead. `ladingIndex` is the module `import 'lading'`
 * means (the CLI bundle's index).
 */
export async function compiledApps(files: readonly string[], ladingIndex: string): Promise<Map<string, string> | undefined> {
  const root = packageRoot(dirname(files[0]!));
  if (files.some((f) => packageRoot(dirname(f)) !== root)) return undefined;
  const dir = cacheDirOf(root);
  // Config files that change how sources compile or resolve count as inputs (absent ones too).
  const configs = root ? [join(root, 'package.json'), join(root, 'tsconfig.json')] : [];
  const key = createHash('sha1')
    .update(JSON.stringify([files, ladingIndex, process.version]))
    .digest('hex')
    .slice(0, 16);
  const recordFile = join(dir, `${key}.json`);
  const cached = readRecord(recordFile);
  if (cached) return new Map(Object.entries(cached.outputs));
  // tsconfig `paths` map bare specifiers to sources: tsx's job.
  if (root && /"paths"\s*:/.test(readText(join(root, 'tsconfig.json')))) return undefined;
  try {
    mkdirSync(dir, { recursive: true });
    return await build(files, ladingIndex, root, dir, recordFile, configs);
  } catch (e) {
    if (e instanceof NotCompilable || (e as { errors?: unknown }).errors) return undefined;
    throw e;
  }
}

async function build(
  files: readonly string[],
  ladingIndex: string,
  root: string | undefined,
  dir: string,
  recordFile: string,
  configs: string[],
): Promise<Map<string, string>> {
  const { build: esbuild } = await import('esbuild');
  const out = join(dir, `${createHash('sha1').update(recordFile).update(String(Date.now())).digest('hex').slice(0, 12)}.${process.pid}.tmp`);
  const result = await esbuild({
    entryPoints: [...files],
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'silent',
    write: true,
    // Node's own conditions and fields, should esbuild ever resolve a package itself.
    conditions: [],
    mainFields: ['main'],
    plugins: [
      {
        name: 'lading-app-sources',
        setup(b) {
          b.onResolve({ filter: /^lading$/ }, () => ({ path: ladingIndex, external: true }));
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (isBuiltin(args.path)) return { path: args.path, external: true };
            // Only where the compiled module resolves it from the same node_modules as the source.
            if (!root || packageRoot(args.resolveDir) !== root) throw new NotCompilable(args.path);
            return { path: args.path, external: true };
          });
          // Each module keeps its own location (data files found next to it, createRequire).
          b.onLoad({ filter: SOURCE }, (args) => {
            if (packageRoot(dirname(args.path)) !== root) throw new NotCompilable(args.path);
            const text = readFileSync(args.path, 'utf8');
            if (COMPUTED_IMPORT.test(text)) throw new NotCompilable(args.path);
            const meta = { url: pathToFileURL(args.path).href, filename: args.path, dirname: dirname(args.path) };
            const ext = extname(args.path).slice(1);
            const loader = ext === 'mts' || ext === 'cts' ? 'ts' : ext === 'mjs' ? 'js' : (ext as 'ts' | 'tsx' | 'js' | 'jsx');
            return { contents: text.replace(IMPORT_META, (_, k: keyof typeof meta) => JSON.stringify(meta[k])), loader };
          });
        },
      },
    ],
  }).catch((e: unknown) => {
    rmSync(out, { recursive: true, force: true });
    // A plugin's NotCompilable arrives wrapped in esbuild's error.
    const inner = (e as { errors?: { detail?: unknown }[] }).errors?.find((m) => m.detail instanceof NotCompilable);
    throw inner ? inner.detail : e;
  });
  const outputs: Record<string, string> = {};
  // Named by this process too: two runs compiling at once each keep their own output.
  const final = out.replace(/\.tmp$/, '');
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint) outputs[resolve(meta.entryPoint)] = pathToFileURL(join(final, resolve(file).slice(out.length))).href;
  }
  const inputs = [...Object.keys(result.metafile.inputs).map((p) => resolve(p)), ...configs].map((p) => fingerprint(p) ?? { path: p, size: -1, mtimeMs: 0 });
  renameSync(out, final);
  const previous = readText(recordFile);
  writeFileSync(`${recordFile}.${process.pid}`, JSON.stringify({ inputs, outputs } satisfies CacheRecord));
  renameSync(`${recordFile}.${process.pid}`, recordFile);
  removeSuperseded(previous, final);
  return new Map(Object.entries(outputs));
}
