// Yes/no tests of values, shared by the zod schemas (primitives.ts) and the fast checks
// (build-check.ts) so that both accept exactly the same values.

export { isQuantity } from './quantity.js';

export const isString = (v: unknown): boolean => typeof v === 'string';
export const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
export const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
export const isInt32 = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= -2147483648 && (v as number) <= 2147483647;
// int64 beyond 2^53 cannot round-trip through a JS number; the safe range is what we can check.
export const isInt64 = (v: unknown): boolean => Number.isSafeInteger(v);
export const isIntOrString = (v: unknown): boolean => typeof v === 'string' || isInt32(v);
export const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 with padding; line breaks are skipped, as Go's decoder (the API server's) does. */
export function isBase64(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  return BASE64.test(v.includes('\n') || v.includes('\r') ? v.replace(/[\r\n]/g, '') : v);
}

const RFC3339 = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** An RFC 3339 date-time (Go's time.RFC3339, which the API server parses). */
export const isDateTime = (v: unknown): boolean => typeof v === 'string' && RFC3339.test(v);

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The identity of a list-map item: its key values, a missing key taking its default. */
export function itemKey(item: Record<string, unknown>, keys: readonly string[], defaults: Readonly<Record<string, unknown>>): string {
  let id = '';
  for (const k of keys) id += `${show(item[k] ?? defaults[k] ?? null)}\u0000`;
  return id;
}

/** Describes an item's key for a message: name=web or containerPort=80,protocol=TCP. */
export function itemLabel(item: Record<string, unknown>, keys: readonly string[], defaults: Readonly<Record<string, unknown>>): string {
  return keys.map((k) => `${k}=${show(item[k] ?? defaults[k] ?? null)}`).join(',');
}

export const itemValue = (v: unknown): string => (typeof v === 'string' ? `s${v}` : JSON.stringify(v));
export const showItem = show;

export function uniqueByKeys(items: readonly unknown[], keys: readonly string[], defaults: Readonly<Record<string, unknown>> = {}): boolean {
  if (items.length < 2) return true;
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const id = itemKey(item as Record<string, unknown>, keys, defaults);
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

export function uniqueItems(items: readonly unknown[]): boolean {
  if (items.length < 2) return true;
  const seen = new Set<string>();
  for (const item of items) {
    const id = itemValue(item);
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}
