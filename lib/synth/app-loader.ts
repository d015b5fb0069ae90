import { register } from 'node:module';

interface BundleInfo {
  readonly index: string;
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
  const bundle = (globalThis as { __LADING_BUNDLE__?: BundleInfo }).__LADING_BUNDLE__;
  if (bundle) {
    const { register: registerTsx } = await import('tsx/esm/api');
    registerTsx();
  }
  // lib/synth and build/synth are both two levels below the package root, where bin/ is.
  const index = bundle?.index ?? new URL('../index.js', import.meta.url).href;
  // Registered last, so it runs first: 'lading' never reaches another resolver as a bare name.
  register(new URL('../../bin/resolve-lading.js', import.meta.url), { data: { index } });
}
