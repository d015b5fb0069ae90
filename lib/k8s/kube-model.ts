// The model of one Kubernetes version as the rest of lading sees it: kinds, their schemas and
// their field tables, whichever way (generated module or runtime build) they were made.

import type { ZodType } from 'zod';
import { isListedKind } from './hidden-kinds.js';
import type { FieldInfo, FieldTable, KindTuple } from './model/catalog.js';
import type { ListSemantics } from './model/ir.js';
import { isNamespaced } from './scope.js';

export type { FieldInfo, ListSemantics };

export interface KindInfo {
  /** e.g. apps/v1, or v1 for the core group. */
  readonly apiVersion: string;
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** The OpenAPI definition name, e.g. io.k8s.api.apps.v1.Deployment. */
  readonly definition: string;
}

export interface KubeModel {
  /** Kubernetes minor version, e.g. "1.36". */
  readonly version: string;
  kind(apiVersion: string, kind: string): KindInfo | undefined;
  /** The strict schema of a whole object of this kind (apiVersion and kind included). */
  schema(apiVersion: string, kind: string): ZodType | undefined;
  /** Kinds a user writes, sorted by apiVersion then kind (no *List, Status, WatchEvent, ...). */
  kinds(): readonly KindInfo[];
  /** The schema of any definition, by OpenAPI name. */
  definitionSchema(definition: string): ZodType | undefined;
  /** Where a field of a definition leads (another definition) and how its list is keyed. */
  field(definition: string, property: string): FieldInfo | undefined;
  /** List semantics (type, map keys, merge key) of a list field, if it has any. */
  listMapKeys(definition: string, property: string): ListSemantics | undefined;
}

export interface ModelParts {
  readonly version: string;
  readonly kinds: readonly KindTuple[];
  /** The field table, asked for on first use only (validation and synth never need it). */
  readonly fields: () => FieldTable;
  readonly schemaOf: (definition: string) => ZodType | undefined;
}

const key = (apiVersion: string, kind: string): string => `${apiVersion} ${kind}`;

export function createModel(parts: ModelParts): KubeModel {
  const byKey = new Map<string, KindInfo>();
  for (const [group, version, kind, definition] of parts.kinds) {
    const apiVersion = group ? `${group}/${version}` : version;
    const info: KindInfo = { apiVersion, group, version, kind, namespaced: isNamespaced(group, kind), definition };
    byKey.set(key(apiVersion, kind), info);
  }
  const listed = [...byKey.values()]
    .filter((k) => isListedKind(k.kind))
    .sort((a, b) => (a.apiVersion === b.apiVersion ? (a.kind < b.kind ? -1 : 1) : a.apiVersion < b.apiVersion ? -1 : 1));
  const field = (definition: string, property: string): FieldInfo | undefined => parts.fields()[definition]?.[property];
  return {
    version: parts.version,
    kind: (apiVersion, kind) => byKey.get(key(apiVersion, kind)),
    schema: (apiVersion, kind) => {
      const info = byKey.get(key(apiVersion, kind));
      return info && parts.schemaOf(info.definition);
    },
    kinds: () => listed,
    definitionSchema: parts.schemaOf,
    field,
    listMapKeys: (definition, property) => field(definition, property)?.list,
  };
}
