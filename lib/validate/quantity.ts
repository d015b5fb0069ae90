/** Kubernetes resource quantities ("500m", "1.5", "128Mi", "1e3") as numbers, for comparisons. */

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const SUFFIX: Readonly<Record<string, number>> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

export function isQuantity(v: unknown): boolean {
  return typeof v === 'number' || (typeof v === 'string' && QUANTITY.test(v));
}

/** The numeric value of a quantity, or undefined when it is not one. */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v);
  if (!m) return undefined;
  const suffix = m[2] ?? '';
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix]!;
  return Number(m[1]) * scale;
}
