import type { ZodType } from 'zod';
import type { RuleIssue } from './rule.js';

export interface SchemaIssue extends RuleIssue {
  /** An unknown field: an error in strict mode, a warning otherwise. */
  readonly unknownField: boolean;
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly ZodIssueLike[])[];
}

/** Runs a zod schema and turns its issues into field-path messages, one per unknown field. */
export function schemaIssues(schema: ZodType, value: unknown): SchemaIssue[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  const out: SchemaIssue[] = [];
  for (const issue of result.error.issues as readonly ZodIssueLike[]) collect(issue, [], out);
  return out;
}

function collect(issue: ZodIssueLike, prefix: readonly (string | number)[], out: SchemaIssue[]): void {
  const path = [...prefix, ...issue.path.map((k) => (typeof k === 'number' ? k : String(k)))];
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    for (const key of issue.keys) {
      out.push({ path: [...path, key], message: `unknown field "${key}"`, unknownField: true });
    }
    return;
  }
  out.push({ path, message: issue.message, unknownField: false });
}
