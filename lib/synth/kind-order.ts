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

const OTHER = WAVES.findIndex((w) => w.name === 'other');
const CUSTOM = WAVES.findIndex((w) => w.name === 'custom-resources');

/** A lookup from kind to wave index, built once per table. */
export function waveIndex(waves: readonly Wave[] = WAVES): (kind: string, isCustom: boolean) => number {
  const byKind = new Map<string, number>();
  waves.forEach((w, i) => w.kinds.forEach((k) => byKind.set(k, i)));
  return (kind, isCustom) => byKind.get(kind) ?? (isCustom ? CUSTOM : OTHER);
}
