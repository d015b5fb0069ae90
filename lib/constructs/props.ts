import type { Construct } from 'constructs';
import { z } from 'zod';
import { formatPath } from '../manifest/object.js';
import { dns1123Label, dns1123Subdomain, type FormatCheck } from '../validate/formats.js';

/** A construct was given invalid props: one line per problem, each naming the construct path and the prop. */
export class PropsError extends TypeError {
  constructor(readonly constructPath: string, readonly problems: readonly string[]) {
    super(problems.map((p) => `${constructPath}: ${p}`).join('\n'));
    this.name = 'PropsError';
  }
}

/** Checks props against a zod schema; throws a PropsError naming `scope`'s path and each bad prop. */
export function checkProps(scope: Construct, schema: z.ZodType, props: unknown): void {
  const result = schema.safeParse(props);
  if (result.success) return;
  const problems = result.error.issues.map((i) => `${formatPath(['props', ...(i.path as (string | number)[])])}: ${i.message}`);
  throw new PropsError(scope.node.path, problems);
}

const range = (min: number, max: number) => {
  const error = `expected an integer from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};

function format(check: FormatCheck) {
  return z.string().superRefine((v, ctx) => {
    const bad = check(v);
    if (bad) ctx.addIssue({ code: 'custom', message: `"${v}" ${bad}` });
  });
}

/** Schemas shared by the constructs' props. */
export const p = {
  port: range(1, 65535),
  range,
  count: (min = 0) => z.int({ error: `expected an integer >= ${min}` }).min(min, { error: `expected an integer >= ${min}` }),
  dnsLabel: format(dns1123Label),
  dnsSubdomain: format(dns1123Subdomain),
  image: z.string({ error: 'expected an image reference such as "ghcr.io/acme/web:1.4.2"' })
    .regex(/^[^\s]+$/, { error: 'expected an image reference without spaces, such as "ghcr.io/acme/web:1.4.2"' }),
  /** Any value: a raw Kubernetes fragment, checked by the schema at synth. */
  any: z.any().optional(),
};

/** The props every construct that names objects shares. */
export const resourcePropsShape = {
  name: p.dnsLabel.optional(),
  instance: z.string().optional(),
  component: z.string().optional(),
  namespace: p.dnsLabel.optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
};
