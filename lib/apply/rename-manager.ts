import type { ClusterApi, ResourceInfo } from '../core/cluster-api.js';
import type { KubeObject } from '../manifest/object.js';

/**
 * Hands the fields one field manager applied over to another (a JSON patch of managedFields,
 * as kubectl does when it upgrades client-side apply), guarded by the resourceVersion read.
 */
export async function renameManager(cluster: ClusterApi, info: ResourceInfo, live: KubeObject, from: string, to: string): Promise<KubeObject> {
  const entries = Array.isArray(live.metadata?.managedFields)
    ? (live.metadata.managedFields as { manager?: string; operation?: string; subresource?: string }[])
    : [];
  const ops: unknown[] = [{ op: 'test', path: '/metadata/resourceVersion', value: live.metadata?.resourceVersion }];
  entries.forEach((e, i) => {
    if (e.manager === from && e.operation === 'Apply' && !e.subresource) ops.push({ op: 'replace', path: `/metadata/managedFields/${i}/manager`, value: to });
  });
  return cluster.patch(info, live.metadata?.namespace, live.metadata?.name ?? '', ops);
}
