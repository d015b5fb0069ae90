import type { ClusterApi } from '../core/cluster-api.js';
import type { KubeObject } from '../manifest/object.js';
import { type Readiness, READINESS_RULES, type ReadinessRule, readinessRule } from './readiness.js';

/** A live object's readiness by its rule, reading only what the rule relates (a Service's EndpointSlices). */
export async function judgeReadiness(cluster: ClusterApi, live: KubeObject, rule: ReadinessRule): Promise<Readiness> {
  const query = rule.related?.(live);
  let related: KubeObject[] = [];
  if (query) {
    const info = await cluster.lookup(query.apiVersion, query.kind);
    if (info) related = await cluster.list(info, query.namespace, { labelSelector: query.labelSelector });
  }
  return rule.check(live, related);
}

/**
 * An object's readiness now (lading status): objects of a kind without a rule are ready once
 * they exist; a related read that fails says so instead of guessing.
 */
export async function readinessNow(cluster: ClusterApi, live: KubeObject, rules: readonly ReadinessRule[] = READINESS_RULES): Promise<Readiness> {
  const rule = readinessRule(live, rules);
  if (!rule) return { state: 'ready', message: 'exists' };
  try {
    return await judgeReadiness(cluster, live, rule);
  } catch (e) {
    return { state: 'waiting', message: `cannot read what it relates to: ${(e as Error).message}` };
  }
}
