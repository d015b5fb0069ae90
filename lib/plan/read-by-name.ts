import type { ClusterApi, ResourceInfo } from '../core/cluster-api.js';
import type { KubeObject } from '../manifest/object.js';

/**
 * Live objects of one resource in one namespace, by name: one LIST when there are more than
 * `listAbove` names (fewer requests), else one GET each. Names that do not exist are absent.
 */
export async function readByName(
  cluster: ClusterApi,
  info: ResourceInfo,
  namespace: string | undefined,
  names: readonly string[],
  listAbove = 3,
): Promise<Map<string, KubeObject>> {
  const found = new Map<string, KubeObject>();
  if (names.length > listAbove) {
    const wanted = new Set(names);
    for (const item of await cluster.list(info, namespace)) {
      const name = item.metadata?.name;
      if (name !== undefined && wanted.has(name)) found.set(name, item);
    }
    return found;
  }
  await Promise.all(
    names.map(async (name) => {
      const item = await cluster.get(info, namespace, name);
      if (item) found.set(name, item);
    }),
  );
  return found;
}
