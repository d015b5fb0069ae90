import { isRecord } from '../manifest/object.js';
import { type FieldSet, jsonEqual } from './fieldset.js';

/**
 * The fields where two objects differ, as a field set (`f:` keys; a list that differs is one
 * leaf). It covers what a changed value moves to another field: a Secret's `stringData` that the
 * server stores as `data`, a defaulted field that a new value changes.
 */
export function differingFields(a: unknown, b: unknown): FieldSet {
  const out: Record<string, FieldSet> = {};
  if (!isRecord(a) || !isRecord(b)) return out;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key];
    const y = b[key];
    if (jsonEqual(x, y)) continue;
    out[`f:${key}`] = isRecord(x) && isRecord(y) ? nonEmptyOrLeaf(differingFields(x, y)) : {};
  }
  return out;
}

function nonEmptyOrLeaf(fs: FieldSet): FieldSet {
  return Object.keys(fs).length ? fs : {};
}
