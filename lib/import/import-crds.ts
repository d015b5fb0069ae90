import type { KubeObject } from '../manifest/object.js';
import { type CrdKindVersion, crdKindVersions } from './crd-kinds.js';
import { emitGroupModule } from './emit-module.js';

/** A module `lading import` writes: one per API group. */
export interface ImportedModule {
  /** The file name, e.g. "cert-manager.io.ts". */
  readonly file: string;
  readonly group: string;
  readonly kinds: readonly CrdKindVersion[];
  readonly source: string;
}

/** The modules of the CRDs among `objects`, one per API group, sorted by group. */
export function importCrds(objects: readonly KubeObject[], where: (o: KubeObject) => string, sourceName: string): ImportedModule[] {
  const byGroup = new Map<string, CrdKindVersion[]>();
  for (const k of crdKindVersions(objects, where)) byGroup.set(k.group, [...(byGroup.get(k.group) ?? []), k]);
  return [...byGroup.keys()].sort().map((group) => {
    const kinds = byGroup.get(group)!;
    return { file: `${group}.ts`, group, kinds, source: emitGroupModule(group, kinds, sourceName) };
  });
}
