// The zod building blocks of every Kubernetes schema, with plain-words error messages (the zod
// implementation of model/builders.ts). The generated module (generated/schemas.ts) and the
// runtime builder (build.ts) both call these, so a field means the same thing either way.

import { z } from 'zod';
import { uniqueItems, uniqueKeys } from './list-checks.js';
import { isBase64, isDateTime, isIntOrString, isObject, isQuantity } from './predicates.js';

type Issue = z.core.$ZodRawIssue;

/**
 * Every builder returns this. The generated module declares each definition's static type
 * (`ZodType<T.Deployment>`) instead of letting TypeScript infer 771 nested schemas, which
 * would make type-checking slow; `any` is what lets that declaration stand.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the reason is the comment above
export type Schema = z.ZodType<any>;

/** An error function: "expected ..." for a wrong value, "missing required field, expected ..." for none. */
function expected(text: string) {
  return (iss: Issue): string => (iss.input === undefined ? `missing required field, expected ${text}` : `expected ${text}`);
}

export const INT32_TEXT = 'an integer from -2147483648 to 2147483647 (int32)';
export const INT64_TEXT = 'an integer from -9007199254740991 to 9007199254740991 (int64)';
export const QUANTITY_TEXT = 'a quantity such as 500m, 1.5, 128Mi or 2Gi';

export const string: Schema = z.string({ error: expected('a string') });
export const boolean: Schema = z.boolean({ error: expected('true or false') });
export const number: Schema = z.number({ error: expected('a number') });
export const int32: Schema = z.int32({ error: expected(INT32_TEXT) });
// int64 beyond 2^53 cannot round-trip through a JS number; the safe range is what we can check.
export const int64: Schema = z.int({ error: expected(INT64_TEXT) });
// abort: false keeps a custom failure from silencing sibling checks (list duplicates).
export const byte: Schema = z.custom<string>(isBase64, { error: expected('base64-encoded data (byte)'), abort: false });
export const dateTime: Schema = z.custom<string>(isDateTime, {
  error: expected('an RFC 3339 date-time such as 2006-01-02T15:04:05Z'),
  abort: false,
});
export const intOrString: Schema = z.custom<number | string>(isIntOrString, {
  error: expected('an integer or a string, such as 8080 or http (int-or-string)'),
  abort: false,
});
export const quantity: Schema = z.custom<string | number>(isQuantity, { error: expected(QUANTITY_TEXT), abort: false });
export const any: Schema = z.unknown();
export const freeObject: Schema = z.custom<Record<string, unknown>>(isObject, { error: expected('an object'), abort: false });

const showValue = (v: string): string => (v === '' ? '""' : v);

/** One of fixed string values; a single value (a kind's apiVersion or kind) is a literal. */
export function oneOf(values: readonly string[]): Schema {
  if (values.length === 1) return z.literal(values[0], { error: expected(`"${values[0]}"`) });
  return z.enum(values as [string, ...string[]], { error: expected(`one of: ${values.map(showValue).join(', ')}`) });
}

function objectError(iss: Issue): string | undefined {
  if (iss.code === 'unrecognized_keys') {
    const keys = iss.keys.map((k) => JSON.stringify(k)).join(', ');
    return iss.keys.length === 1 ? `unknown field ${keys}` : `unknown fields ${keys}`;
  }
  if (iss.code === 'invalid_type') return expected('an object')(iss);
  return undefined;
}

/** A strict object: unknown fields are errors, as with kubectl's default field validation. */
export function object(shape: Record<string, Schema>): Schema {
  return z.strictObject(shape, { error: objectError });
}

const optionals = new WeakMap<Schema, Schema>();

/** An optional field. null counts as absent, as in the API server's JSON decoding. */
export function optional(schema: z.ZodType): Schema {
  let wrapped = optionals.get(schema);
  if (!wrapped) {
    wrapped = z.optional(z.nullable(schema));
    optionals.set(schema, wrapped);
  }
  return wrapped;
}

export function array(items: Schema): Schema {
  return z.array(items, { error: expected('a list') });
}

// Duplicates are reported even when an item has other errors (zod skips checks after those).
const always = { when: () => true };

/** A list of x-kubernetes-list-type map: no two items with the same key values. */
export function listMap(items: z.ZodType, field: string, keys: readonly string[], defaults?: Readonly<Record<string, string | number>>): Schema {
  return z.array(items, { error: expected('a list') }).check(z.core._check(uniqueKeys(field, keys, defaults), always));
}

/** A list of x-kubernetes-list-type set: no duplicate items. */
export function listSet(items: z.ZodType, field: string): Schema {
  return z.array(items, { error: expected('a list') }).check(z.core._check(uniqueItems(field), always));
}

/**
 * An object with arbitrary keys (additionalProperties). A null value is the value type's zero
 * value to the API server's JSON decoding (an annotation `key: null` is ""), so it is accepted.
 */
export function map(values: Schema): Schema {
  return z.record(z.string(), z.nullable(values), { error: expected('an object (a map of names to values)') });
}

export function union(options: readonly Schema[], text: string): Schema {
  return z.union(options as [Schema, ...Schema[]], { error: expected(text) });
}

export function lazy(get: () => Schema): Schema {
  return z.lazy(get);
}
