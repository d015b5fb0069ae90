import { z } from 'zod';
import type { ReadinessRule } from '../apply/readiness.js';
import { defaultsSchema } from '../constructs/defaults.js';
import { propsSchema } from '../constructs/props.js';
import { type PropIssue, propIssues } from '../constructs/props-issues.js';
import type { CoOwnerRule } from '../plan/drift.js';
import type { Wave } from '../synth/kind-order.js';
import type { Policy } from '../validate/policies/index.js';
import type { LadingConfig } from './define-config.js';

// A function of the table's own signature (propsSchema checks each field's type against the entry's).
const fnOf = <F>() => z.custom<F>((v) => typeof v === 'function', { error: 'expected a function' });
const fn = fnOf<(...args: never[]) => unknown>();
const regex = z.instanceof(RegExp, { error: 'expected a regular expression, e.g. /^spec\\.caBundle$/' });
const kinds = z.array(z.string().min(1), { error: 'expected a list of kind names' });

/** The entries of each table, checked like props: unknown keys are errors naming the closest one. */
export const ENTRY_SCHEMAS = {
  waves: propsSchema<Wave>()({ name: z.string().min(1, { error: 'expected a wave name' }), kinds }),
  readiness: propsSchema<ReadinessRule>()({
    group: z.string({ error: 'expected an API group ("" for the core group)' }),
    kind: z.string().min(1),
    check: fnOf<ReadinessRule['check']>(),
    related: fnOf<NonNullable<ReadinessRule['related']>>().optional(),
  }),
  coOwners: propsSchema<CoOwnerRule>()({
    description: z.string().min(1),
    path: regex,
    manager: regex.optional(),
    subresource: z.string().optional(),
    kinds: kinds.optional(),
  }),
  normalize: fn,
  policies: propsSchema<Policy>()({
    id: z.string().min(1),
    description: z.string(),
    severity: z.enum(['error', 'warning']),
    kinds: kinds.optional(),
    check: fnOf<Policy['check']>(),
  }),
} as const;

export type TableName = keyof typeof ENTRY_SCHEMAS;

/** Issues of a value as props' are reported (unknown keys name the closest one), worded for a config. */
export function fieldIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[], value: unknown): PropIssue[] {
  return propIssues(schema, issues, value).map((i) => ({ ...i, message: i.message.replace(/^unknown prop\b/, 'unknown field') }));
}

/** A table change: a list of entries (each checked, issues keep their paths), or a function of the library's table. */
function change(entry: z.ZodType) {
  return z
    .any()
    .superRefine((v, ctx) => {
      if (v === undefined || typeof v === 'function') return;
      if (!Array.isArray(v)) {
        ctx.addIssue({ code: 'custom', message: "expected a list (added to the library's) or a function (library table) => table" });
        return;
      }
      const list = z.array(entry);
      const result = list.safeParse(v);
      for (const issue of fieldIssues(list, result.error?.issues ?? [], v)) ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
    })
    .optional();
}

export const configSchema = propsSchema<LadingConfig>()({
  waves: change(ENTRY_SCHEMAS.waves),
  readiness: change(ENTRY_SCHEMAS.readiness),
  coOwners: change(ENTRY_SCHEMAS.coOwners),
  normalize: change(ENTRY_SCHEMAS.normalize),
  policies: change(ENTRY_SCHEMAS.policies),
  defaults: defaultsSchema.optional(),
});
