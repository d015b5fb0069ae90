import { getPath, isRecord, type KubeObject } from '../manifest/object.js';
import type { StructuralSchema } from '../validate/crd-schema.js';

/** One served version of a CRD's kind, as `lading import` turns it into a class. */
export interface CrdKindVersion {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly crdName: string;
  readonly namespaced: boolean;
  /** The version the CRD stores: its class gets the plain kind name, others a version suffix. */
  readonly storage: boolean;
  readonly schema: StructuralSchema | undefined;
}

/** A CRD that cannot be imported: which one and why. */
export class CrdImportError extends Error {}

/** The served versions of the CustomResourceDefinitions among `objects` (other objects are ignored). */
export function crdKindVersions(objects: readonly KubeObject[], where: (o: KubeObject) => string): CrdKindVersion[] {
  const out: CrdKindVersion[] = [];
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition' || !o.apiVersion.startsWith('apiextensions.k8s.io/')) continue;
    const group = getPath(o, ['spec', 'group']);
    const kind = getPath(o, ['spec', 'names', 'kind']);
    const versions = getPath(o, ['spec', 'versions']);
    if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(versions)) {
      throw new CrdImportError(`${where(o)}: CustomResourceDefinition ${o.metadata?.name ?? ''}: expected spec.group, spec.names.kind and spec.versions`);
    }
    for (const v of versions) {
      if (!isRecord(v) || typeof v.name !== 'string' || v.served === false) continue;
      out.push({
        group,
        version: v.name,
        kind,
        crdName: o.metadata?.name ?? '',
        namespaced: getPath(o, ['spec', 'scope']) !== 'Cluster',
        storage: v.storage === true,
        schema: getPath(v, ['schema', 'openAPIV3Schema']) as StructuralSchema | undefined,
      });
    }
  }
  return out;
}
