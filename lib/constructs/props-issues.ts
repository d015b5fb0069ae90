import type { z } from 'zod';
import { closestName } from './suggest.js';

/** One problem with a construct's props: the prop's path (from the props object) and what was expected. */
export interface PropIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Key = string | number;
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  options?: Schema[];
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  getter?: () => Schema;
}
interface Schema {
  _zod: { def: Def };
}

// The object schemas a value at `schema` may be checked against (through optional, unions, pipes...).
function objectsOf(schema: Schema | undefined, seen = new Set<Schema>()): Schema[] {
  if (!schema || seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def;
  if (def.type === 'object') return [schema];
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => objectsOf(o, seen));
  if (def.type === 'lazy' && def.getter) return objectsOf(def.getter(), seen);
  return objectsOf(def.innerType ?? def.in, seen);
}

function childrenOf(schema: Schema, key: Key, seen = new Set<Schema>()): Schema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def;
  switch (def.type) {
    case 'object':
      return typeof key === 'string' && def.shape?.[key] ? [def.shape[key]] : [];
    case 'array':
      return def.element ? [def.element] : [];
    case 'record':
      return def.valueType ? [def.valueType] : [];
    case 'union':
      return (def.options ?? []).flatMap((o) => childrenOf(o, key, seen));
    case 'lazy':
      return def.getter ? childrenOf(def.getter(), key, seen) : [];
    default:
      return (def.innerType ?? def.in) ? childrenOf((def.innerType ?? def.in)!, key, seen) : [];
  }
}

/** The keys an object at `path` of `schema` may have (all object branches together). */
export function knownKeys(schema: z.ZodType, path: readonly Key[]): string[] {
  let at: Schema[] = [schema as unknown as Schema];
  for (const key of path) at = at.flatMap((s) => childrenOf(s, key));
  return [...new Set(at.flatMap((s) => objectsOf(s)).flatMap((o) => Object.keys(o._zod.def.shape ?? {})))];
}

function unknownKey(key: string, known: readonly string[]): string {
  const close = closestName(key, known);
  if (close) return `unknown prop: did you mean "${close}"?`;
  return known.length ? `unknown prop (expected one of: ${known.join(', ')})` : 'unknown prop (this object takes no props)';
}

const DEFAULT_UNION_MESSAGE = 'Invalid input';
const NO_INPUT = Symbol('no input');

function valueAt(input: unknown, path: readonly Key[]): unknown {
  let at = input;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<Key, unknown>)[key] : undefined;
  return at;
}

/**
 * zod's issues as prop problems that say what was expected: one per unknown prop (with the closest
 * valid name), record keys with what a key must be, and a union's closest branch rather than
 * "Invalid input".
 */
export function propIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[], input: unknown = NO_INPUT, base: readonly Key[] = []): PropIssue[] {
  const out: PropIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as Key[])];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) out.push({ path: [...path, key], message: unknownKey(key, known) });
    } else if (issue.code === 'invalid_key') {
      const key = path.at(-1);
      const why = issue.issues.map((i) => i.message).join('; ');
      out.push({ path, message: `invalid key ${JSON.stringify(key)}: ${why}` });
    } else if (issue.code === 'invalid_union' && issue.message === DEFAULT_UNION_MESSAGE && issue.errors.length) {
      // The branch that got furthest: the fewest problems.
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      out.push(...propIssues(schema, closest, input, path));
    } else if (issue.code === 'invalid_type' && input !== NO_INPUT && valueAt(input, path) === undefined) {
      out.push({ path, message: `required: ${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')}` });
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}
