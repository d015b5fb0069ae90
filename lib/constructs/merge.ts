/** Whether `v` is a plain object (not an array, a class instance, a function or null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Fields that exclude each other in one object: setting one at a level drops the others that the
 * levels below set (a budget's `minAvailable` replaces the default `maxUnavailable`).
 */
export const ALTERNATIVES: readonly (readonly string[])[] = [
  ['minAvailable', 'maxUnavailable'],
  ['httpGet', 'tcpSocket', 'exec', 'grpc'],
];

/**
 * `over` merged into `base` field by field, at every depth: plain objects merge, anything else
 * (scalars, arrays, instances) replaces, `undefined` keeps the base, and `null` removes the field.
 * Neither argument is changed; the result holds no `null`.
 */
export function mergeDefaults(base: unknown, over: unknown): unknown {
  if (over === undefined) return withoutNulls(base);
  if (over === null) return undefined;
  if (!isPlainObject(over) || !isPlainObject(base)) return withoutNulls(over);
  const out: Record<string, unknown> = {};
  const excluded = new Set(ALTERNATIVES.flatMap((group) => (group.some((k) => over[k] != null) ? group.filter((k) => !(k in over)) : [])));
  for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) {
    if (excluded.has(key)) continue;
    const v = mergeDefaults(base[key], over[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function withoutNulls(v: unknown): unknown {
  if (!isPlainObject(v)) return v === null ? undefined : v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const w = withoutNulls(x);
    if (w !== undefined) out[k] = w;
  }
  return out;
}

/** A partial `T` to merge over a default: every field optional, and `null` removes it (arrays replace). */
export type Override<T> = T extends readonly unknown[] ? T : T extends object ? { readonly [K in keyof T]?: Override<T[K]> | null } : T;
