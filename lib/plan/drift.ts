import type { KubeObject } from '../manifest/object.js';
import { type FieldSet, leafPaths, managedFields, subtract } from './fieldset.js';
import type { Drift } from './types.js';

/** A field another manager may own without it being drift. A table that users may extend. */
export interface CoOwnerRule {
  readonly description: string;
  readonly path: RegExp;
  readonly manager?: RegExp;
  readonly subresource?: string;
  readonly kinds?: readonly string[];
}

export const EXPECTED_CO_OWNERS: readonly CoOwnerRule[] = [
  { description: 'an autoscaler sets replicas through the scale subresource', path: /^spec\.replicas$/, subresource: 'scale' },
  {
    description: 'the HorizontalPodAutoscaler controller sets replicas of its target',
    path: /^spec\.replicas$/,
    manager: /^(kube-controller-manager|horizontal-pod-autoscaler)$/,
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet'],
  },
  { description: 'status is written by controllers', path: /^status(\.|\[|$)/ },
  { description: 'the Deployment controller records revisions', path: /^metadata\.annotations\["deployment\.kubernetes\.io\/revision"\]$/ },
  { description: 'controllers add finalizers', path: /^metadata\.finalizers/, manager: /controller|kube-/ },
  { description: 'the ServiceAccount token controller', path: /^secrets/, kinds: ['ServiceAccount'] },
  { description: "kubectl's client-side apply bookkeeping", path: /last-applied-configuration/ },
];

function expected(rules: readonly CoOwnerRule[], kind: string, path: string, manager: string, subresource: string | undefined): boolean {
  return rules.some(
    (r) =>
      r.path.test(path) &&
      (r.manager === undefined || r.manager.test(manager)) &&
      (r.subresource === undefined || r.subresource === subresource) &&
      (r.kinds === undefined || r.kinds.includes(kind)),
  );
}

/**
 * Fields of a live object that other managers set and that lading's manifest does not hold
 * (`ours`: the fields lading owns after its apply): a label from `kubectl edit`, an env var
 * added by hand. Expected co-owners (the autoscaler on replicas, …) are not drift.
 */
export function findDrift(live: KubeObject, manager: string, ours: FieldSet | undefined, rules: readonly CoOwnerRule[] = EXPECTED_CO_OWNERS): Drift[] {
  const out: Drift[] = [];
  for (const entry of managedFields(live)) {
    // The status subresource's fields are never drift: not walked at all (a workload's is large).
    if (entry.manager === manager || !entry.fieldsV1 || entry.subresource === 'status') continue;
    const theirs = subtract(entry.fieldsV1, ours);
    for (const path of leafPaths(theirs)) {
      if (expected(rules, live.kind, path, entry.manager ?? '', entry.subresource)) continue;
      out.push({ path, manager: entry.manager ?? '(unknown)', operation: entry.operation ?? '', ...(entry.time ? { time: entry.time } : {}) });
    }
  }
  return out;
}
