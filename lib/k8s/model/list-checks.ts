// Uniqueness of list items, as the API server checks it for x-kubernetes-list-type map and set,
// as zod checks that report each duplicate. Built once per list field.

import type { z } from 'zod';
import { itemKey, itemLabel, itemValue, showItem } from './predicates.js';

type Check = (ctx: z.core.ParsePayload<unknown[]>) => void;
type Defaults = Readonly<Record<string, string | number>>;

/** No two items of `field` share the same values of `keys` (a missing key takes its default). */
export function uniqueKeys(field: string, keys: readonly string[], defaults: Defaults = {}): Check {
  return (ctx) => {
    const items = ctx.value;
    if (!Array.isArray(items) || items.length < 2) return;
    const seen = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Record<string, unknown> | null;
      if (typeof item !== 'object' || item === null) continue;
      const id = itemKey(item, keys, defaults);
      if (!seen.has(id)) {
        seen.add(id);
        continue;
      }
      ctx.issues.push({
        code: 'custom',
        message: `duplicate entry: ${field}[${itemLabel(item, keys, defaults)}] appears twice`,
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
      const id = itemValue(items[i]);
      if (!seen.has(id)) {
        seen.add(id);
        continue;
      }
      ctx.issues.push({
        code: 'custom',
        message: `duplicate entry: ${field}[${showItem(items[i])}] appears twice`,
        input: items[i],
        path: [i],
      });
    }
  };
}
