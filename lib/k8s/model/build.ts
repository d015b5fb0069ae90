// The runtime backend: IR -> one schema (or check) per definition, for versions other than the
// generated one, and for the equivalence test of the generated one.

import type { Builders } from './builders.js';
import { builderAlgebra } from './builders.js';
import type { Model } from './ir.js';
import { lowerDefinition } from './lower.js';

/** Build every definition of `model` with `builders` (primitives.ts or checks.ts), by id. */
export function buildDefinitions<T>(model: Model, builders: Builders<T>): Map<string, T> {
  const built = new Map<string, T>();
  const resolve = (id: string): T => {
    const value = built.get(id);
    if (value === undefined) throw new Error(`build: ${id} is not built yet (order.ts should have prevented this)`);
    return value;
  };
  const alg = builderAlgebra(builders, resolve);
  for (const d of model.definitions) built.set(d.id, lowerDefinition(d, alg));
  return built;
}
