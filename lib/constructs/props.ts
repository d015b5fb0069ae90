import type { IConstruct } from 'constructs';
import { compile, z } from 'zod';
import { dns1123Label, dns1123Subdomain, type FormatCheck, labelValue, qualifiedName } from '../validate/formats.js';
import { imageReferenceError } from '../validate/image-reference.js';
import { propIssues } from './props-issues.js';
import { reportPropsProblems } from './props-report.js';

export { PropsError, type PropsProblem } from './props-report.js';

/**
 * Checks props against a zod schema. Problems (each naming `scope`'s path, the prop and what was
 * expected) are recorded, not thrown: synth reports every construct's at once. Returns whether
 * the props are valid. `root` names what is checked in messages ("props", "defaults").
 */
export function checkProps(scope: IConstruct, schema: z.ZodType, props: unknown, root = 'props'): boolean {
  // Valid props (nearly all) are only validated: no parsed copy is built.
  if (fastSchema(schema).validate(props)) return true;
  const result = schema.safeParse(props);
  if (result.success) return true;
  reportPropsProblems(scope, propIssues(schema, result.error.issues, props), root === 'props' ? undefined : root);
  return false;
}

// A schema checked this many times is compiled (zod's compile: a generated validator for valid
// props; the issues of invalid ones still come from zod's own parse of the schema). Compiling
// costs milliseconds: a construct made a few times is not worth it, a thousand times is.
const COMPILE_AFTER = 100;
const uses = new WeakMap<z.ZodType, number>();
const compiled = new WeakMap<z.ZodType, z.ZodType>();

function fastSchema(schema: z.ZodType): z.ZodType {
  const done = compiled.get(schema);
  if (done) return done;
  const n = (uses.get(schema) ?? 0) + 1;
  uses.set(schema, n);
  if (n < COMPILE_AFTER) return schema;
  const fast = compile(schema);
  compiled.set(schema, fast);
  return fast;
}

/**
 * The strict zod object of a props interface P: tsc checks that its keys are exactly P's, and at
 * run time an unknown prop (plain JavaScript, a cast) is an error naming the closest valid one.
 * Usage: `propsSchema<WebAppProps>()({ ...shape })`.
 */
export function propsSchema<P>() {
  return <S extends { readonly [K in keyof Required<P>]: z.ZodType<P[K]> }>(shape: S & { readonly [K in Exclude<keyof S, keyof P>]: never }) =>
    z.strictObject(shape as S);
}

const range = (min: number, max: number) => {
  const error = `expected an integer from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};

function format(check: FormatCheck, what?: string, normalize: (v: string) => string = (v) => v) {
  return z.string().superRefine((v, ctx) => {
    const bad = check(normalize(v));
    if (bad) ctx.addIssue({ code: 'custom', message: what ? `expected ${what}: ${bad}` : `"${v}" ${bad}` });
  });
}

/** Schemas shared by the constructs' props. */
export const p = {
  port: range(1, 65535),
  /** A port name (IANA_SVC_NAME): what Services, probes and NetworkPolicies refer to. */
  portName: z
    .string()
    .max(15, { error: 'a port name has at most 15 characters' })
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: 'expected a port name: lowercase letters, digits and "-"' }),
  range,
  count: (min = 0) => z.int({ error: `expected an integer >= ${min}` }).min(min, { error: `expected an integer >= ${min}` }),
  dnsLabel: format(dns1123Label),
  dnsSubdomain: format(dns1123Subdomain),
  image: z.string({ error: 'expected an image reference such as "ghcr.io/acme/web:1.4.2"' }).superRefine((v, ctx) => {
    const bad = imageReferenceError(v);
    if (bad) ctx.addIssue({ code: 'custom', message: `invalid image reference "${v}": ${bad}` });
  }),
  /** Labels: qualified-name keys, valid label values (checked once here rather than once per object at synth). */
  labels: z.record(format(qualifiedName, 'a label key'), format(labelValue, 'a label value')),
  /** Labels of a defaults level: as labels, and null removes one the level below set. */
  defaultLabels: z.record(format(qualifiedName, 'a label key'), format(labelValue, 'a label value').nullable()),
  /** Annotations: qualified-name keys, any string value. */
  annotations: z.record(
    format(qualifiedName, 'an annotation key', (k) => k.toLowerCase()),
    z.string(),
  ),
  /** Annotations of a defaults level: null removes one. */
  defaultAnnotations: z.record(
    format(qualifiedName, 'an annotation key', (k) => k.toLowerCase()),
    z.string().nullable(),
  ),
  /** Any value: a raw Kubernetes fragment, checked by the schema at synth. */
  any: z.any().optional(),
};

/** The props every construct that names objects shares. */
export const resourcePropsShape = {
  name: p.dnsLabel.optional(),
  instance: z.string().optional(),
  component: z.string().optional(),
  namespace: p.dnsLabel.optional(),
  labels: p.labels.optional(),
  annotations: p.annotations.optional(),
};
