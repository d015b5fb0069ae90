import { register } from 'node:module';
import { compiledApps } from './app-compile.js';

interface BundleInfo {
  readonly index: string;
  loader?: boolean;
}

function cliBundle(): BundleInfo | undefined {
  return (globalThis as { __LADING_BUNDLE__?: BundleInfo }).__LADING_BUNDLE__;
}

/**
 * Makes app files (TypeScript) importable. Under the CLI (which runs from a bundle, see
 * bin/bundle.js) this registers tsx, and a hook that resolves `lading` to the bundle so that
 * an app's constructs are the classes the synthesizer knows. Elsewhere (tests run with
 * `--import tsx`) TypeScript loading is already in place and nothing is done.
 */
export async function ensureAppLoader(): Promise<void> {
  const bundle = cliBundle();
  if (!bundle || bundle.loader) return;
  bundle.loader = true;
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  // Registered last, so it runs first: 'lading' never reaches tsx's resolver.
  register(new URL('../../bin/resolve-lading.js', import.meta.url), { data: { index: bundle.index } });
}

/**
 * Under the CLI, the URLs to import for these app files (absolute paths): their compiled, cached
 * modules (lib/synth/app-compile.ts), else undefined and the sources are imported through the
 * loader of ensureAppLoader().
 */
export async function appModuleUrls(files: readonly string[]): Promise<Map<string, string> | undefined> {
  const bundle = cliBundle();
  if (!bundle || bundle.loader || process.env.LADING_APP_LOADER === 'tsx') return undefined;
  const compiled = await compiledApps(files, bundle.index);
  if (!compiled || files.some((f) => !compiled.has(f))) return undefined;
  // Stack traces name the app's TypeScript lines, as under tsx.
  process.setSourceMapsEnabled(true);
  return compiled;
}
