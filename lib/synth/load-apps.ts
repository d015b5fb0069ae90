import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Construct } from 'constructs';
import { App, type AppProps } from '../constructs/app.js';
import { throwPropsProblems } from '../constructs/props-report.js';
import { AppLoadError } from './app-load-error.js';
import { appModuleUrls, ensureAppLoader } from './app-loader.js';
import { commonJsProblem } from './module-kind.js';

const APP_FILE = /\.(ts|mts|js|mjs)$/;

/** A function an app file exports by default: it adds its Charts to the App. */
export type AppDefinition = (app: App) => void | Promise<void>;

/** An app file: its default export, and the environments it declares (`export const environments`). */
export interface AppModule {
  readonly file: string;
  readonly define: AppDefinition;
  readonly environments: readonly string[];
}

export interface LoadedApps {
  readonly app: App;
  /** The file that created each top-level construct (Chart), relative to the working directory. */
  readonly fileOf: (c: Construct) => string | undefined;
}

/** The app files of a directory: every .ts/.js file not starting with "_" or ".", sorted. */
export async function findAppFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new AppLoadError(dir, 'no such directory: create it with one file per application, or pass --app FILE');
  });
  return entries
    .filter((e) => e.isFile() && APP_FILE.test(e.name) && !/^[_.]/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(dir, e.name))
    .sort();
}

// Errors of linking a module graph (nothing of it ran yet): the sources are loaded again with tsx,
// whose message names the source file that imports what is missing.
const LINK_ERRORS = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_PACKAGE_IMPORT_NOT_DEFINED', 'ERR_UNSUPPORTED_DIR_IMPORT']);

/** Imports app files (TypeScript is compiled on the fly, or once and cached) and checks what they export. */
export async function importApps(files: readonly string[]): Promise<AppModule[]> {
  const compiled = await appModuleUrls(files.map((f) => resolve(f)));
  if (compiled) {
    try {
      return await importEach(files, (path) => compiled.get(path)!);
    } catch (e) {
      if (!(e instanceof AppLoadError && LINK_ERRORS.has((e.cause as { code?: string })?.code ?? ''))) throw e;
    }
  }
  await ensureAppLoader();
  return importEach(files, (path) => pathToFileURL(path).href);
}

async function importEach(files: readonly string[], urlOf: (path: string) => string): Promise<AppModule[]> {
  const modules: AppModule[] = [];
  for (const file of files) {
    const shown = relative(process.cwd(), resolve(file)) || file;
    const commonJs = commonJsProblem(resolve(file));
    if (commonJs) throw new AppLoadError(shown, commonJs);
    let mod: { default?: unknown; environments?: unknown };
    try {
      mod = (await import(urlOf(resolve(file)))) as typeof mod;
    } catch (e) {
      throw new AppLoadError(shown, `cannot load: ${(e as Error).message}`, e);
    }
    modules.push(appModule(shown, mod));
  }
  return modules;
}

function appModule(shown: string, mod: { default?: unknown; environments?: unknown }): AppModule {
  if (typeof mod.default !== 'function') {
    throw new AppLoadError(shown, 'expected a default export: a function (app: App) => void that adds Charts to the app');
  }
  const envs = mod.environments ?? [];
  if (!Array.isArray(envs) || envs.some((e) => typeof e !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(e))) {
    throw new AppLoadError(shown, 'export "environments" must be a list of names (lowercase letters, digits and -), e.g. ["dev", "prod"]');
  }
  return { file: shown, define: mod.default as AppDefinition, environments: envs as string[] };
}

/**
 * Runs app definitions against one App for one environment. Invalid props of every construct of
 * every file are reported together (a PropsError); else the first file that failed (AppLoadError).
 */
export async function loadApps(modules: readonly AppModule[], env?: string, props: Omit<AppProps, 'env'> = {}): Promise<LoadedApps> {
  const app = new App({ ...props, env });
  const owner = new Map<Construct, string>();
  const failures: AppLoadError[] = [];
  for (const mod of modules) {
    const before = new Set(app.node.children);
    try {
      await mod.define(app);
    } catch (e) {
      failures.push(new AppLoadError(mod.file, (e as Error)?.message ?? String(e), e));
    }
    for (const child of app.node.children) if (!before.has(child)) owner.set(child, mod.file);
  }
  const fileOf = (c: Construct) => owner.get(c.node.scopes[1] ?? c);
  const fileOfPath = (path: string) => {
    const top = app.node.tryFindChild(path.split('/')[0] ?? '');
    return top ? fileOf(top as Construct) : undefined;
  };
  throwPropsProblems(app, { fileOf: fileOfPath, cause: failures.length ? failures.map((f) => f.message).join('; ') : undefined });
  if (failures.length) throw failures[0];
  return { app, fileOf };
}
