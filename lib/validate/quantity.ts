// Kubernetes resource quantities ("500m", "0.7", "128Mi", "1e3") as exact rationals, so that
// "700m" and "0.7" compare equal (floating point says 0.7000000000000001 > 0.7).

import { QUANTITY_PATTERN } from '../k8s/model/quantity.js';

/** value = numerator / denominator, both exact. */
export interface Quantity {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
// Beyond this a quantity is not a resource amount anyone means; refusing it bounds the work.
const MAX_EXPONENT = 1000;

// Quantities repeat across thousands of containers ("100m", "128Mi"): each text is read once.
// Bounded, so a stream of distinct values cannot grow it without limit.
const parsed = new Map<string, Quantity | undefined>();
const PARSED_MAX = 10_000;

/** The exact value of a quantity (a string in the Kubernetes grammar, or a number), or undefined. */
export function parseQuantity(v: unknown): Quantity | undefined {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : typeof v === 'string' ? v : '';
  const known = parsed.get(text);
  if (known !== undefined || parsed.has(text)) return known;
  const q = parseText(text);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(text, q);
  return q;
}

function parseText(text: string): Quantity | undefined {
  if (!QUANTITY_PATTERN.test(text)) return undefined;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(text)!;
  const [, sign, whole, fraction = '', suffix = ''] = m;
  let exp10 = -fraction.length;
  let exp2 = 0;
  if (suffix in BINARY) exp2 = BINARY[suffix]!;
  else if (suffix in DECIMAL) exp10 += DECIMAL[suffix]!;
  else exp10 += Number(suffix.slice(1));
  if (Math.abs(exp10) > MAX_EXPONENT) return undefined;
  let numerator = BigInt(`${whole}${fraction}` || '0') * 2n ** BigInt(exp2);
  if (sign === '-') numerator = -numerator;
  const denominator = exp10 < 0 ? 10n ** BigInt(-exp10) : 1n;
  if (exp10 > 0) numerator *= 10n ** BigInt(exp10);
  return Object.freeze({ numerator, denominator });
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}
