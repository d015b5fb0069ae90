import { condition, type Readiness } from '../apply/readiness.js';
import type { KubeObject } from '../manifest/object.js';

/**
 * A readiness check for a kind that reports a status condition (most custom resources: a
 * cert-manager Certificate, a Flux Kustomization): ready when the condition is "True", failed when
 * it is "False" with one of `failedReasons`, waiting otherwise.
 */
export function conditionReadiness(type = 'Ready', failedReasons: readonly string[] = []): (o: KubeObject) => Readiness {
  return (o) => {
    const c = condition(o, type);
    const detail = c?.message ?? c?.reason ?? '';
    if (c?.status === 'True') return { state: 'ready', message: detail || type.toLowerCase() };
    if (c?.status === 'False' && c.reason !== undefined && failedReasons.includes(c.reason)) return { state: 'failed', message: detail };
    return { state: 'waiting', message: c ? `${type} ${c.status}${detail ? `: ${detail}` : ''}` : `no ${type} condition yet` };
  };
}
