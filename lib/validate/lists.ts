import { isRecord } from '../manifest/object.js';
import type { ValidationInput } from './diagnostic.js';

/**
 * A list kubectl apply accepts: `kind: List` or a typed list (`ConfigMapList`, `RoleList`, any
 * kind ending in "List") with an `items` array. Anything else is undefined.
 */
function listOf(v: unknown): { readonly apiVersion: string; readonly kind: string; readonly items: unknown[] } | undefined {
  if (!isRecord(v) || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string') return undefined;
  if (!v.kind.endsWith('List') || !Array.isArray(v.items)) return undefined;
  return { apiVersion: v.apiVersion, kind: v.kind, items: v.items };
}

/**
 * Expands lists into their items, each keeping its own line numbers. Items of a typed list
 * that omit apiVersion or kind take the list's (as the API machinery decodes them: the items of
 * a ConfigMapList are ConfigMaps of the list's apiVersion).
 */
export function expandLists(inputs: readonly ValidationInput[]): ValidationInput[] {
  const out: ValidationInput[] = [];
  const expand = (input: ValidationInput): void => {
    const list = listOf(input.value);
    if (!list) {
      out.push(input);
      return;
    }
    const itemKind = list.kind === 'List' ? undefined : list.kind.slice(0, -'List'.length);
    list.items.forEach((item, i) => {
      const value =
        itemKind !== undefined && isRecord(item)
          ? { ...(item.apiVersion === undefined ? { apiVersion: list.apiVersion } : {}), ...(item.kind === undefined ? { kind: itemKind } : {}), ...item }
          : item;
      const { origin } = input;
      expand({ value, origin: { ...origin, lineOf: origin.lineOf && ((path) => origin.lineOf!(['items', i, ...path])) } });
    });
  };
  for (const input of inputs) expand(input);
  return out;
}
