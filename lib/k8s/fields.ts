// Field tables of the pinned Kubernetes version, synchronously (diff and merge walk objects
// with them). For another version use (await loadModel(v)).field / .listMapKeys.

import { readFileSync } from 'node:fs';
import type { FieldInfo, FieldTable } from './model/catalog.js';
import type { ListSemantics } from './model/ir.js';

let table: FieldTable | undefined;

/** The generated field table, read on first use (JSON parses faster than a module evaluates). */
export function generatedFields(): FieldTable {
  table ??= JSON.parse(readFileSync(new URL('./generated/fields.json', import.meta.url), 'utf8')) as FieldTable;
  return table;
}

/** Where `definition`.`property` leads and how its list is keyed, for the pinned version. */
export function fieldInfo(definition: string, property: string): FieldInfo | undefined {
  return generatedFields()[definition]?.[property];
}

/** List semantics (x-kubernetes-list-type, list-map keys, patch merge key) of a list field. */
export function listMapKeys(definition: string, property: string): ListSemantics | undefined {
  return generatedFields()[definition]?.[property]?.list;
}
