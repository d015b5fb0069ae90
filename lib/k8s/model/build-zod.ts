// The runtime backend: IR -> zod schemas, for Kubernetes versions other than the generated one.

import type { z } from 'zod';
import type { Model } from './ir.js';
import { type SchemaAlgebra, lowerDefinition } from './lower.js';
import * as $ from './primitives.js';

/** Build a schema for every definition of `model`, keyed by definition id. */
export function buildSchemas(model: Model): Map<string, z.ZodType> {
  const built = new Map<string, z.ZodType>();
  const target = (id: string): z.ZodType => {
    const schema = built.get(id);
    if (!schema) throw new Error(`build-zod: ${id} is not built yet (order.ts should have prevented this)`);
    return schema;
  };
  const alg: SchemaAlgebra<z.ZodType> = {
    primitive: (name) => $[name],
    oneOf: $.oneOf,
    object: (properties) => $.object(Object.fromEntries(properties)),
    optional: $.optional,
    array: $.array,
    listMap: $.listMap,
    listSet: $.listSet,
    map: $.map,
    union: $.union,
    ref: (id, lazy) => (lazy ? $.lazy(() => target(id)) : target(id)),
  };
  for (const d of model.definitions) built.set(d.id, lowerDefinition(d, alg));
  return built;
}
