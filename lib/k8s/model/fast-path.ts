// A definition's schema as the rest of lading sees it: its fast check answers first, and a valid
// object is accepted without zod building anything (`.data` is the input object itself). Only
// when the check says no is the zod schema built (once) and run, to say what is wrong.

import { type ZodType, z } from 'zod';
import type { Check } from './checks.js';

function checkedFirst(slow: () => ZodType, check: Check): ZodType {
  let built: ZodType | undefined;
  return z.unknown().superRefine((value, ctx) => {
    if (check(value)) return;
    const result = (built ??= slow()).safeParse(value);
    // The check and zod agree (test/unit/k8s/equivalence.test.ts); zod's issues are the answer.
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ ...issue });
  });
}

/** `schemaOf` with fast paths installed, each made on first request and kept. */
export function fastSchemas(
  schemaOf: (definition: string) => ZodType | undefined,
  checkOf: (definition: string) => Check | undefined,
  has: (definition: string) => boolean,
): (definition: string) => ZodType | undefined {
  const cache = new Map<string, ZodType>();
  return (definition) => {
    let schema = cache.get(definition);
    if (schema) return schema;
    if (!has(definition)) return undefined;
    const check = checkOf(definition);
    schema = check ? checkedFirst(() => schemaOf(definition)!, check) : schemaOf(definition)!;
    cache.set(definition, schema);
    return schema;
  };
}
