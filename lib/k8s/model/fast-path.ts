// Give each zod schema its fast check as zod's own fast path (z.withParser): a valid object is
// accepted by the check alone; anything else is parsed by zod, which reports every issue.

import { INVALID, type ZodType, withParser } from 'zod';
import type { Check } from './checks.js';

function withFastPath(schema: ZodType, check: Check): ZodType {
  try {
    // On success the result's data is the input object itself, not a copy.
    return withParser(schema, (input) => (check(input) ? input : INVALID));
  } catch {
    // zod takes no fast path for a schema with a reference cycle (CustomResourceDefinition).
    return schema;
  }
}

/** `schemaOf` with fast paths installed, each built on first request and kept. */
export function fastSchemas(
  schemaOf: (definition: string) => ZodType | undefined,
  checkOf: (definition: string) => Check | undefined,
): (definition: string) => ZodType | undefined {
  const cache = new Map<string, ZodType>();
  return (definition) => {
    let schema = cache.get(definition);
    if (schema) return schema;
    const slow = schemaOf(definition);
    if (!slow) return undefined;
    const check = checkOf(definition);
    schema = check ? withFastPath(slow, check) : slow;
    cache.set(definition, schema);
    return schema;
  };
}
