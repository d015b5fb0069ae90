import type { ClusterApi, ResourceInfo } from '../core/cluster-api.js';

/**
 * DELETE with a uid precondition (never a re-created namesake), optionally a resourceVersion one
 * (never a version changed since it was checked), and a propagation policy. False: already gone.
 */
export async function deleteWith(
  cluster: ClusterApi,
  info: ResourceInfo,
  namespace: string | undefined,
  name: string,
  uid: string | undefined,
  propagationPolicy: 'Background' | 'Foreground',
  resourceVersion?: string,
): Promise<boolean> {
  const outcome = await cluster.delete(info, namespace, name, { propagationPolicy, preconditions: { uid, resourceVersion } });
  // The object checked just before may have changed since (relabelled, adopted): not deleted.
  if (outcome === 'conflict' && resourceVersion) throw new Error('changed between the check and the delete: not pruned (the next run checks again)');
  // A failed uid precondition: already replaced by another object.
  return outcome === 'deleted';
}
