// Keys written first, in this order, wherever they appear; the rest follow alphabetically.
const TOP_KEYS = ['apiVersion', 'kind', 'metadata'];
const LEADING_KEYS = ['name', 'namespace'];

function rank(key: string, leading: readonly string[]): number {
  const i = leading.indexOf(key);
  return i < 0 ? leading.length : i;
}

function sortedKeys(obj: Record<string, unknown>, leading: readonly string[]): string[] {
  return Object.keys(obj).sort((a, b) => rank(a, leading) - rank(b, leading) || (a < b ? -1 : a > b ? 1 : 0));
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
  for (const key of sortedKeys(obj, top ? TOP_KEYS : LEADING_KEYS)) {
    const v = obj[key];
    if (v !== undefined) out[key] = canonicalize(v, false);
  }
  return out;
}
