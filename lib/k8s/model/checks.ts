// Fast yes/no checks in the same vocabulary as primitives.ts (see builders.ts): they answer
// "valid?" without allocating, so a valid object skips zod's result building; zod runs only
// when the answer is no, to say what is wrong. The tests keep both in agreement.

import * as P from './predicates.js';

export interface Check {
  (value: unknown): boolean;
  /** Set on the check of an optional field. */
  optional?: true;
}

export const string: Check = P.isString;
export const boolean: Check = P.isBoolean;
export const number: Check = P.isNumber;
export const int32: Check = P.isInt32;
export const int64: Check = P.isInt64;
export const byte: Check = P.isBase64;
export const dateTime: Check = P.isDateTime;
export const intOrString: Check = P.isIntOrString;
export const quantity: Check = P.isQuantity;
export const any: Check = () => true;
export const freeObject: Check = P.isObject;

export function oneOf(values: readonly string[]): Check {
  const allowed = new Set<unknown>(values);
  return (v) => allowed.has(v);
}

/** Strict: every present field is known and valid, every required field is present. */
export function object(shape: Record<string, Check>): Check {
  const fields = new Map(Object.entries(shape));
  const required = [...fields].filter(([, c]) => !c.optional).map(([k]) => k);
  return (v) => {
    if (!P.isObject(v)) return false;
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const check = fields.get(k);
      if (check === undefined || !check(o[k])) return false;
    }
    for (let i = 0; i < required.length; i++) if (!(required[i] in o)) return false;
    return true;
  };
}

const optionals = new WeakMap<Check, Check>();

/** An optional field; null counts as absent. */
export function optional(inner: Check): Check {
  let check = optionals.get(inner);
  if (!check) {
    check = (v) => v === undefined || v === null || inner(v);
    check.optional = true;
    optionals.set(inner, check);
  }
  return check;
}

export function array(items: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!items(v[i])) return false;
    return true;
  };
}

export function listMap(items: Check, _field: string, keys: readonly string[], defaults?: Readonly<Record<string, string | number>>): Check {
  const all = array(items);
  return (v) => all(v) && P.uniqueByKeys(v as unknown[], keys, defaults);
}

export function listSet(items: Check, _field: string): Check {
  const all = array(items);
  return (v) => all(v) && P.uniqueItems(v as unknown[]);
}

/** A map; a null value is its type's zero value to the API server, as in primitives.ts. */
export function map(values: Check): Check {
  return (v) => {
    if (!P.isObject(v)) return false;
    const o = v as Record<string, unknown>;
    for (const k in o) if (o[k] !== null && !values(o[k])) return false;
    return true;
  };
}

export function union(options: readonly Check[], _text: string): Check {
  return (v) => options.some((o) => o(v));
}

export function lazy(get: () => Check): Check {
  return (v) => get()(v);
}
