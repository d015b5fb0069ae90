import { groupOf, isRecord, type KubeObject } from '../manifest/object.js';

/**
 * What a delete takes with it beyond the object itself: everything in a namespace, every custom
 * resource of a CRD's kinds (cluster-wide), the data of a volume. Such prunes are shown with
 * what they take and need explicit consent. A table that users may extend.
 */
export interface DangerousPrune {
  readonly group: string;
  readonly kind: string;
  /** How the cost is counted live (lib/plan/prune-cost.ts does the counting). */
  readonly counts: 'namespace-contents' | 'custom-resources' | 'volume';
}

export const DANGEROUS_PRUNES: readonly DangerousPrune[] = [
  { group: '', kind: 'Namespace', counts: 'namespace-contents' },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', counts: 'custom-resources' },
  { group: '', kind: 'PersistentVolumeClaim', counts: 'volume' },
  { group: '', kind: 'PersistentVolume', counts: 'volume' },
];

export function dangerOf(o: KubeObject, table: readonly DangerousPrune[] = DANGEROUS_PRUNES): DangerousPrune | undefined {
  const group = groupOf(o.apiVersion);
  return table.find((d) => d.group === group && d.kind === o.kind);
}

/** The sentence a plan shows for a dangerous prune, from what was counted. */
export function describeDanger(d: DangerousPrune, o: KubeObject, counted: { objects?: number; detail?: string }): string {
  switch (d.counts) {
    case 'namespace-contents':
      return `deletes everything in namespace ${o.metadata?.name} with it: ${counted.objects ?? 'an unknown number of'} object${counted.objects === 1 ? '' : 's'}${counted.detail ? ` (${counted.detail})` : ''}`;
    case 'custom-resources':
      return `deletes every custom resource of its kinds, cluster-wide, with it: ${counted.objects ?? 'an unknown number of'} object${counted.objects === 1 ? '' : 's'}${counted.detail ? ` (${counted.detail})` : ''}`;
    case 'volume':
      return `the data of its volume may be deleted with it${counted.detail ? ` (${counted.detail})` : ''}`;
  }
}

/** An object the plan keeps, as far as a prune could take it along. */
export interface Kept {
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
}

/**
 * What a dangerous prune would delete that the same plan keeps: desired objects in a pruned
 * namespace (or the set's own inventory and history there), custom resources of a pruned CRD's
 * kind. Such a prune contradicts the plan, so no flag allows it.
 */
export function takenAlong(o: KubeObject, kept: readonly Kept[], inventoryNamespace?: string, table: readonly DangerousPrune[] = DANGEROUS_PRUNES): string[] {
  const d = dangerOf(o, table);
  if (d?.counts === 'namespace-contents') {
    const name = o.metadata?.name;
    const inside = kept.filter((k) => k.namespace === name).map((k) => k.id);
    return name === inventoryNamespace ? [...inside, "this application's inventory and history"] : inside;
  }
  if (d?.counts === 'custom-resources') {
    const spec = isRecord(o.spec) ? o.spec : {};
    const kind = isRecord(spec.names) ? spec.names.kind : undefined;
    return kept.filter((k) => groupOf(k.apiVersion) === spec.group && k.kind === kind).map((k) => `${k.id}${k.namespace ? ` -n ${k.namespace}` : ''}`);
  }
  return [];
}
