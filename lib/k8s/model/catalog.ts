// Tables derived from the IR for callers that walk objects (diff, strategic merge): which kinds
// exist, and for each field the definition it leads to and how its list is keyed. The generator
// commits them for the pinned version; loadModel derives them at run time for the others.

import type { Definition, ListSemantics, Model, Shape } from './ir.js';

/** [group, version, kind, definition] of one x-kubernetes-group-version-kind entry. */
export type KindTuple = readonly [group: string, version: string, kind: string, definition: string];

export interface FieldInfo {
  /** The definition this field (or each item / value of it) is, when it is one. */
  readonly definition?: string;
  /** Set when the field is a list or a map of `definition` or of scalars. */
  readonly container?: 'array' | 'map';
  /** x-kubernetes-list-type, list-map keys, patch merge key and strategy of a list field. */
  readonly list?: ListSemantics;
}

export type FieldTable = Readonly<Record<string, Readonly<Record<string, FieldInfo>>>>;

export function kindTuples(model: Model): KindTuple[] {
  const out: KindTuple[] = [];
  for (const d of model.definitions) for (const g of d.gvk) out.push([g.group, g.version, g.kind, d.id]);
  return out.sort((a, b) => (a.join('/') < b.join('/') ? -1 : 1));
}

function fieldInfo(shape: Shape): FieldInfo | undefined {
  if (shape.type === 'ref') return { definition: shape.target };
  if (shape.type === 'array' || shape.type === 'map') {
    const inner = shape.type === 'array' ? shape.items : shape.values;
    const list = shape.type === 'array' ? shape.list : undefined;
    if (inner.type !== 'ref' && !list) return undefined;
    return {
      ...(inner.type === 'ref' ? { definition: inner.target } : {}),
      container: shape.type,
      ...(list ? { list } : {}),
    };
  }
  return undefined;
}

/** Fields that lead to another definition or carry list semantics, per definition id. */
export function fieldTable(model: Model): FieldTable {
  const table: Record<string, Record<string, FieldInfo>> = {};
  const sorted = [...model.definitions].sort((a: Definition, b: Definition) => (a.id < b.id ? -1 : 1));
  for (const d of sorted) {
    const fields: Record<string, FieldInfo> = {};
    for (const p of d.properties ?? []) {
      const info = fieldInfo(p.shape);
      if (info) fields[p.name] = info;
    }
    if (Object.keys(fields).length > 0) table[d.id] = fields;
  }
  return table;
}
