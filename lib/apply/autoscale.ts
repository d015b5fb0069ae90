import { groupOf, identityKey, isRecord, type KubeObject, objectKey } from '../manifest/object.js';
import { managedFields } from '../plan/fieldset.js';

/** The workloads that a HorizontalPodAutoscaler of the same input scales. */
export function autoscaledTargets(objects: readonly KubeObject[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects) {
    if (o.kind !== 'HorizontalPodAutoscaler' || groupOf(o.apiVersion) !== 'autoscaling') continue;
    const ref = isRecord(o.spec) && isRecord(o.spec.scaleTargetRef) ? o.spec.scaleTargetRef : undefined;
    if (!ref) continue;
    out.add(identityKey(groupOf(String(ref.apiVersion ?? '')), String(ref.kind), o.metadata?.namespace, String(ref.name)));
  }
  return out;
}

/** Another manager sets replicas through the scale subresource (an HPA, `kubectl scale`). */
export function replicasScaledByOthers(live: KubeObject | undefined, manager: string): boolean {
  return managedFields(live).some(
    (e) => e.manager !== manager && e.subresource === 'scale' && isRecord(e.fieldsV1?.['f:spec']) && 'f:replicas' in e.fieldsV1['f:spec'],
  );
}

function withoutReplicas(o: KubeObject): KubeObject {
  if (!isRecord(o.spec) || !('replicas' in o.spec)) return o;
  const { replicas: _r, ...spec } = o.spec;
  return { ...o, spec };
}

/**
 * Autoscaled workloads never conflict over `replicas`: lading drops `spec.replicas` from a
 * workload that an HPA of the same input targets, or whose replicas another manager owns
 * through the scale subresource (given the live objects by objectKey).
 */
export function dropAutoscaledReplicas(
  objects: readonly KubeObject[],
  live: ReadonlyMap<string, KubeObject> = new Map(),
  manager = 'lading',
  defaultNamespace?: string,
): KubeObject[] {
  const targets = autoscaledTargets(
    objects.map((o) => (o.metadata?.namespace || !defaultNamespace ? o : { ...o, metadata: { ...o.metadata, namespace: defaultNamespace } })),
  );
  return objects.map((o) => {
    const k = objectKey(o, defaultNamespace);
    return targets.has(k) || replicasScaledByOthers(live.get(k), manager) ? withoutReplicas(o) : o;
  });
}
