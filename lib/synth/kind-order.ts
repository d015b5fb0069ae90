/**
 * The order in which kinds are written to dist/ and applied to a cluster: each wave may depend
 * on the ones before it. A table, so that users can extend it (add their kinds to a wave).
 */
export interface Wave {
  readonly name: string;
  readonly kinds: readonly string[];
}

export const WAVES: readonly Wave[] = [
  { name: 'namespaces', kinds: ['Namespace'] },
  { name: 'definitions', kinds: ['CustomResourceDefinition', 'PriorityClass', 'StorageClass', 'IngressClass', 'RuntimeClass'] },
  { name: 'identity', kinds: ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'] },
  { name: 'config', kinds: ['ConfigMap', 'Secret', 'ExternalSecret', 'PersistentVolume', 'PersistentVolumeClaim', 'LimitRange', 'ResourceQuota'] },
  { name: 'services', kinds: ['Service'] },
  { name: 'workloads', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod'] },
  { name: 'policies', kinds: ['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Ingress', 'NetworkPolicy'] },
  { name: 'other', kinds: [] },
  { name: 'custom-resources', kinds: [] },
];

/**
 * A lookup from kind to wave index, built once per table. Kinds the table does not name go to its
 * 'other' wave, custom ones to its 'custom-resources' wave; a table without them sends both to its
 * last wave (a table with more or fewer waves works alike).
 */
export function waveIndex(waves: readonly Wave[] = WAVES): (kind: string, isCustom: boolean) => number {
  if (!waves.length) throw new Error('the waves table is empty: it needs at least one wave');
  const byKind = new Map<string, number>();
  waves.forEach((w, i) => w.kinds.forEach((k) => byKind.set(k, i)));
  const last = waves.length - 1;
  const named = (name: string) => {
    const i = waves.findIndex((w) => w.name === name);
    return i < 0 ? last : i;
  };
  const other = named('other');
  const custom = named('custom-resources');
  return (kind, isCustom) => byKind.get(kind) ?? (isCustom ? custom : other);
}
