import type { Construct } from 'constructs';
import { App } from './app.js';

/** The environments of an app: one typed value per environment name. */
export interface Environments<V> {
  /** The names, for `export const environments = envs.names`. */
  readonly names: readonly string[];
  /** The value of the environment being synthesized (`lading synth --env NAME`). */
  select(scope: Construct): V & { readonly name: string };
}

/**
 * One typed definition, several environments:
 * ```ts
 * const envs = defineEnvironments({ dev: { replicas: 1 }, prod: { replicas: 3 } });
 * export const environments = envs.names;
 * export default (app: App) => { const env = envs.select(app); ... };
 * ```
 */
export function defineEnvironments<V extends object>(definitions: Readonly<Record<string, V>>): Environments<V> {
  const names = Object.keys(definitions);
  return {
    names,
    select(scope) {
      const env = App.of(scope).env;
      const known = names.join(', ');
      if (env === undefined) throw new Error(`no environment selected: run lading synth --env NAME (known environments: ${known})`);
      const value = Object.hasOwn(definitions, env) ? definitions[env] : undefined;
      if (!value) throw new Error(`unknown environment "${env}" (known environments: ${known})`);
      return { ...value, name: env };
    },
  };
}

/** The value of the selected environment (`app.env`) among `definitions`; unknown names are an error. */
export function environment<V extends object>(scope: Construct, definitions: Readonly<Record<string, V>>): V & { readonly name: string } {
  return defineEnvironments(definitions).select(scope);
}
