import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Construct } from 'constructs';
import { App } from '../constructs/app.js';

const APP_FILE = /\.(ts|mts|js|mjs)$/;

/** A function an app file exports by default: it adds its Charts to the App. */
export type AppDefinition = (app: App) => void | Promise<void>;

export interface LoadedApps {
  readonly app: App;
  /** The file that created each top-level construct (Chart), relative to the working directory. */
  readonly fileOf: (c: Construct) => string | undefined;
}

export class AppLoadError extends Error {
  constructor(readonly file: string, message: string, readonly cause?: unknown) {
    super(`${file}: ${message}`);
  }
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

/** Imports each app file (TypeScript is compiled on the fly) and runs it against one App. */
export async function loadApps(files: readonly string[], env?: string): Promise<LoadedApps> {
  const app = new App({ env });
  const owner = new Map<Construct, string>();
  for (const file of files) {
    const shown = relative(process.cwd(), resolve(file)) || file;
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown };
    } catch (e) {
      throw new AppLoadError(shown, `cannot load: ${(e as Error).message}`, e);
    }
    if (typeof mod.default !== 'function') {
      throw new AppLoadError(shown, 'expected a default export: a function (app: App) => void that adds Charts to the app');
    }
    const before = new Set(app.node.children);
    try {
      await (mod.default as AppDefinition)(app);
    } catch (e) {
      throw new AppLoadError(shown, (e as Error).message ?? String(e), e);
    }
    for (const child of app.node.children) if (!before.has(child)) owner.set(child, shown);
  }
  return {
    app,
    fileOf: (c) => owner.get(c.node.scopes[1] ?? c),
  };
}
