// Field tables of the pinned Kubernetes version, synchronously (diff and merge walk objects
// with them). For another version use (await loadModel(v)).field / .listMapKeys.

import { FIELDS } from './generated/catalog.js';
import type { FieldInfo, ListSemantics } from './kube-model.js';

/** Where `definition`.`property` leads and how its list is keyed, for the pinned version. */
export function fieldInfo(definition: string, property: string): FieldInfo | undefined {
  return FIELDS[definition]?.[property];
}

/** List semantics (x-kubernetes-list-type, list-map keys, patch merge key) of a list field. */
export function listMapKeys(definition: string, property: string): ListSemantics | undefined {
  return FIELDS[definition]?.[property]?.list;
}
