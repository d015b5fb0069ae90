// The vocabulary a schema is written in. Two modules implement it: primitives.ts (zod schemas,
// which say what is wrong) and checks.ts (allocation-free yes/no checks, the fast path). The
// generator writes calls to it as code; build.ts calls it directly. lower.ts decides which calls.

import { type Primitive, type SchemaAlgebra } from './lower.js';

export type KeyDefaults = Readonly<Record<string, string | number>>;

export type Builders<T> = { readonly [P in Primitive]: T } & {
  oneOf(values: readonly string[]): T;
  object(shape: Record<string, T>): T;
  optional(inner: T): T;
  array(items: T): T;
  listMap(items: T, field: string, keys: readonly string[], defaults?: KeyDefaults): T;
  listSet(items: T, field: string): T;
  map(values: T): T;
  union(options: readonly T[], text: string): T;
  lazy(get: () => T): T;
};

/** The algebra that builds with `builders`, resolving references through `resolve`. */
export function builderAlgebra<T>(builders: Builders<T>, resolve: (definition: string) => T): SchemaAlgebra<T> {
  return {
    primitive: (name) => builders[name],
    oneOf: (values) => builders.oneOf(values),
    object: (properties) => builders.object(Object.fromEntries(properties)),
    optional: (inner) => builders.optional(inner),
    array: (items) => builders.array(items),
    listMap: (items, field, keys, defaults) => builders.listMap(items, field, keys, defaults),
    listSet: (items, field) => builders.listSet(items, field),
    map: (values) => builders.map(values),
    union: (options, text) => builders.union(options, text),
    ref: (id, lazy) => (lazy ? builders.lazy(() => resolve(id)) : resolve(id)),
  };
}
