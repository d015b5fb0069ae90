// Keys written first, in this order, wherever they appear; the rest follow alphabetically.
const TOP_KEYS = ['apiVersion', 'kind', 'metadata'];
const LEADING_KEYS = ['name', 'namespace'];

/**
 * The keys of `obj` that hold a value (not undefined), in canonical order: the leading keys
 * (kubectl's top-level order at the top, `name` first elsewhere), then the rest by UTF-16 code
 * units (Array.prototype.sort's own order, as `<` compares strings).
 */
export function canonicalKeys(obj: Record<string, unknown>, top: boolean): string[] {
  const leading = top ? TOP_KEYS : LEADING_KEYS;
  const rest: string[] = [];
  let present = 0; // one bit per leading key found
  for (const key of Object.keys(obj)) {
    if (obj[key] === undefined) continue;
    const rank = leading.indexOf(key);
    if (rank < 0) rest.push(key);
    else present |= 1 << rank;
  }
  if (rest.length > 1) rest.sort();
  if (present === 0) return rest;
  const out: string[] = [];
  for (let i = 0; i < leading.length; i++) if (present & (1 << i)) out.push(leading[i]!);
  for (const key of rest) out.push(key);
  return out;
}

/**
 * A copy with a stable key order (kubectl's top-level order, then alphabetical; `name` first
 * in every mapping) and no undefined values, so the same input always gives the same bytes.
 * List order is meaningful in Kubernetes and kept.
 */
export function canonicalize(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalize(v, false));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of canonicalKeys(obj, top)) out[key] = canonicalize(obj[key], false);
  return out;
}
