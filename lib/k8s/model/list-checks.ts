// Uniqueness of list items, as the API server checks it for x-kubernetes-list-type map and set.
// Each check is built once per list field and runs only on the arrays of that field.

import type { z } from 'zod';

type Check = (ctx: z.core.ParsePayload<unknown[]>) => void;
type Defaults = Readonly<Record<string, string | number>>;

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** No two items of `field` share the same values of `keys` (a missing key takes its default). */
export function uniqueKeys(field: string, keys: readonly string[], defaults: Defaults = {}): Check {
  return (ctx) => {
    const items = ctx.value;
    if (!Array.isArray(items) || items.length < 2) return;
    const seen = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Record<string, unknown> | null;
      if (typeof item !== 'object' || item === null) continue;
      let id = '';
      for (const k of keys) id += `${show(item[k] ?? defaults[k] ?? null)}\u0000`;
      if (!seen.has(id)) {
        seen.add(id);
        continue;
      }
      const label = keys.map((k) => `${k}=${show(item[k] ?? defaults[k] ?? null)}`).join(',');
      ctx.issues.push({
        code: 'custom',
        message: `duplicate entry: ${field}[${label}] appears twice`,
        input: item,
        path: [i],
      });
    }
  };
}

/** No two items of `field` are equal. */
export function uniqueItems(field: string): Check {
  return (ctx) => {
    const items = ctx.value;
    if (!Array.isArray(items) || items.length < 2) return;
    const seen = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      const id = JSON.stringify(items[i]);
      if (!seen.has(id)) {
        seen.add(id);
        continue;
      }
      ctx.issues.push({
        code: 'custom',
        message: `duplicate entry: ${field}[${show(items[i])}] appears twice`,
        input: items[i],
        path: [i],
      });
    }
  };
}
