import { register } from 'node:module';

interface BundleInfo {
  readonly index: string;
  loader?: boolean;
}

/**
 * Makes app files (TypeScript) importable. Under the CLI (which runs from a bundle, see
 * bin/bundle.js) this registers tsx, and a hook that resolves `lading` to the bundle so that
 * an app's constructs are the classes the synthesizer knows. Elsewhere (tests run with
 * `--import tsx`) TypeScript loading is already in place and nothing is done.
 */
export async function ensureAppLoader(): Promise<void> {
  const bundle = (globalThis as { __LADING_BUNDLE__?: BundleInfo }).__LADING_BUNDLE__;
  if (!bundle || bundle.loader) return;
  bundle.loader = true;
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  // Registered last, so it runs first: 'lading' never reaches tsx's resolver.
  register(new URL('../../bin/resolve-lading.js', import.meta.url), { data: { index: bundle.index } });
}
