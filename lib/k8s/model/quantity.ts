// The Kubernetes quantity grammar (k8s.io/apimachinery/pkg/api/resource): a signed decimal
// number with an optional binary-SI (Ki..Ei), decimal-SI (n, u, m, k, M..E) or exponent suffix.

export const QUANTITY_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && QUANTITY_PATTERN.test(value);
}
