import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureAppLoader } from '../synth/app-loader.js';
import { commonJsProblem } from '../synth/module-kind.js';
import { ConfigError, resolveConfig } from './resolve-config.js';
import { LIBRARY_RULES, type RuleTables } from './rule-tables.js';

/** The names a project's config may have, in the order they are looked for. */
export const CONFIG_FILES = ['lading.config.ts', 'lading.config.mts', 'lading.config.js', 'lading.config.mjs'] as const;

/**
 * The project's config file: looked for in `from` and the directories above it, up to the
 * project's root (the first directory with a package.json or .git).
 */
export function findConfigFile(from: string = process.cwd()): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const found = CONFIG_FILES.map((name) => join(dir, name)).find((f) => existsSync(f));
    if (found) return found;
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/** The rule tables a config file makes: it is imported (TypeScript too) and checked. */
export async function loadConfig(file: string): Promise<RuleTables> {
  const shown = relative(process.cwd(), file) || file;
  const commonJs = commonJsProblem(file);
  if (commonJs) throw new ConfigError(shown, '', commonJs);
  await ensureAppLoader();
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as typeof mod;
  } catch (e) {
    throw new ConfigError(shown, '', `cannot load: ${(e as Error).message}`);
  }
  if (mod.default === undefined) throw new ConfigError(shown, '', 'expected a default export: export default defineConfig({ … })');
  return resolveConfig(shown, mod.default);
}

/** The rule tables of the project around `from`: its config's, or the library's without one. */
export async function projectRules(from: string = process.cwd()): Promise<RuleTables & { readonly file?: string }> {
  const file = findConfigFile(from);
  return file ? { ...(await loadConfig(file)), file } : LIBRARY_RULES;
}
