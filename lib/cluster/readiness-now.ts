import { type Readiness, READINESS_RULES, type ReadinessRule, readinessRule } from '../apply/readiness.js';
import type { KubeObject } from '../manifest/object.js';
import type { KubeClient } from './client.js';
import type { Discovery } from './discovery.js';
import { listObjects } from './objects.js';

/**
 * An object's readiness now, from its live state (the readiness table; objects of a kind
 * without a rule are ready once they exist). Reads only what the rule relates (a Service's
 * EndpointSlices); a related read that fails says so instead of guessing.
 */
export async function readinessNow(client: KubeClient, discovery: Discovery, live: KubeObject, rules: readonly ReadinessRule[] = READINESS_RULES): Promise<Readiness> {
  const rule = readinessRule(live, rules);
  if (!rule) return { state: 'ready', message: 'exists' };
  const query = rule.related?.(live);
  let related: KubeObject[] = [];
  if (query) {
    try {
      const info = await discovery.lookup(query.apiVersion, query.kind);
      if (info) related = await listObjects(client, info, query.namespace, query.labelSelector);
    } catch (e) {
      return { state: 'waiting', message: `cannot read its ${query.kind}s: ${(e as Error).message}` };
    }
  }
  return rule.check(live, related);
}
