import { register } from 'node:module';
import { compiledApps } from './app-compile.js';

interface BundleInfo {
  readonly index: string;
}

function cliBundle(): BundleInfo | undefined {
  return (globalThis as { __LADING_BUNDLE__?: BundleInfo }).__LADING_BUNDLE__;
}

let registered = false;

/**
 * Makes app files importable. `import … from 'lading'` in an app resolves to the very modules
 * that load it (the CLI's compiled build or bundle, or these sources), so an app's constructs are
 * the classes the synthesizer knows, even when the app's project has another copy of lading or none.
 * Under the CLI (bin/lading.js sets __LADING_BUNDLE__) tsx is registered for TypeScript apps;
 * elsewhere (tests run with `--import tsx`) TypeScript loading is the caller's.
 */
export async function ensureAppLoader(): Promise<void> {
  if (registered) return;
  registered = true;
  const bundle = cliBundle();
  if (bundle) {
    const { register: registerTsx } = await import('tsx/esm/api');
    registerTsx();
  }
  // lib/synth and build/synth are both two levels below the package root, where bin/ is.
  const index = bundle?.index ?? new URL('../index.js', import.meta.url).href;
  // Registered last, so it runs first: 'lading' never reaches another resolver as a bare name.
  register(new URL('../../bin/resolve-lading.js', import.meta.url), { data: { index } });
}

/**
 * Under the CLI, the URLs to import for these app files (absolute paths): their compiled, cached
 * modules (lib/synth/app-compile.ts), else undefined and the sources are imported through the
 * loader of ensureAppLoader().
 */
export async function appModuleUrls(files: readonly string[]): Promise<Map<string, string> | undefined> {
  const bundle = cliBundle();
  // Once the loader is registered (an earlier fallback), sources are imported through it.
  if (!bundle || registered || process.env.LADING_APP_LOADER === 'tsx') return undefined;
  const compiled = await compiledApps(files, bundle.index);
  if (!compiled || files.some((f) => !compiled.has(f))) return undefined;
  // Stack traces name the app's TypeScript lines, as under tsx.
  process.setSourceMapsEnabled(true);
  return compiled;
}
