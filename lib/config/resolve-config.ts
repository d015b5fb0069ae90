import type { z } from 'zod';
import type { ReadinessRule } from '../apply/readiness.js';
import type { Wave } from '../synth/kind-order.js';
import type { Policy } from '../validate/policies/index.js';
import { ENTRY_SCHEMAS, type TableName, configSchema, fieldIssues } from './config-schema.js';
import type { LadingConfig } from './define-config.js';
import { LIBRARY_RULES, type RuleTables } from './rule-tables.js';

/** A lading.config that is not what lading expects: the file, the field path, what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'ConfigError';
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${String(k)}` : String(k)), '');
}

function check<T>(file: string, schema: z.ZodType, value: unknown, at: string): T {
  const result = schema.safeParse(value);
  if (result.success) return value as T;
  const issue = fieldIssues(schema, result.error.issues, value)[0]!;
  throw new ConfigError(file, fieldPath([...(at ? [at] : []), ...issue.path]), issue.message);
}

/** How the entries a config lists combine with the library's, per table. */
const ADD: { [K in TableName]: (library: readonly never[], added: readonly never[]) => readonly unknown[] } = {
  waves: (library: readonly Wave[], added: readonly Wave[]) => {
    const moved = new Set(added.flatMap((w) => w.kinds));
    const out: { name: string; kinds: readonly string[] }[] = library.map((w) => ({ ...w, kinds: w.kinds.filter((k) => !moved.has(k)) }));
    for (const w of added) {
      const same = out.find((o) => o.name === w.name);
      if (same) same.kinds = [...same.kinds, ...w.kinds];
      else
        out.splice(
          Math.max(
            0,
            out.findIndex((o) => o.name === 'other'),
          ),
          0,
          { ...w },
        );
    }
    return out;
  },
  readiness: (library: readonly ReadinessRule[], added: readonly ReadinessRule[]) => [
    ...added,
    ...library.filter((r) => !added.some((a) => a.group === r.group && a.kind === r.kind)),
  ],
  coOwners: (library, added) => [...library, ...added],
  normalize: (library, added) => [...library, ...added],
  policies: (library: readonly Policy[], added: readonly Policy[]) => [
    ...library.map((p) => added.find((a) => a.id === p.id) ?? p),
    ...added.filter((a) => !library.some((p) => p.id === a.id)),
  ],
};

function table<K extends TableName>(file: string, name: K, library: RuleTables[K], change: unknown): RuleTables[K] {
  if (change === undefined) return library;
  if (typeof change === 'function') {
    const returned = (change as (l: unknown) => unknown)(library);
    return check(file, ENTRY_SCHEMAS[name].array(), returned, `${name} (the table its function returned)`);
  }
  return ADD[name](library as readonly never[], change as readonly never[]) as RuleTables[K];
}

/** The rule tables in force: the library's with a config applied; checks the config first. */
export function resolveConfig(file: string, config: unknown, library: RuleTables = LIBRARY_RULES): RuleTables {
  const c = check<LadingConfig>(file, configSchema, config, '');
  return {
    waves: table(file, 'waves', library.waves, c.waves),
    readiness: table(file, 'readiness', library.readiness, c.readiness),
    coOwners: table(file, 'coOwners', library.coOwners, c.coOwners),
    normalize: table(file, 'normalize', library.normalize, c.normalize),
    policies: table(file, 'policies', library.policies, c.policies),
    defaults: { ...library.defaults, ...c.defaults },
  };
}
