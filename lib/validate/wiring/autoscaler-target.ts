import { isRecord } from '../../manifest/object.js';
import type { RuleIssue, SetRule } from '../rule.js';
import { objectIndex, type WiringOptions, displayName } from './lookup.js';

/**
 * An autoscaler's target exists (synth), and sets no `spec.replicas`: a warning, since the API
 * server accepts it and `lading apply` never fights the autoscaler over the field, but another
 * tool applying the manifest resets the replica count the autoscaler chose.
 */
export function autoscalerTarget(options: WiringOptions): SetRule {
  return {
    id: 'autoscaler-target',
    description: "a HorizontalPodAutoscaler's target exists in the input and does not set spec.replicas (a warning)",
    *checkSet(objects): Iterable<RuleIssue & { index: number }> {
      const index = objectIndex(objects);
      for (const [i, hpa] of objects.entries()) {
        if (hpa.kind !== 'HorizontalPodAutoscaler' || !isRecord(hpa.spec) || !isRecord(hpa.spec.scaleTargetRef)) continue;
        const { kind, name } = hpa.spec.scaleTargetRef;
        if (typeof kind !== 'string' || typeof name !== 'string') continue;
        const target = index.find(kind, name, hpa);
        if (!target) {
          if (options.inputIsComplete) {
            yield { index: i, path: ['spec', 'scaleTargetRef', 'name'], message: `${displayName(hpa)} scales ${kind} "${name}", which is not in the input` };
          }
          continue;
        }
        const replicas = isRecord(target.o.spec) ? target.o.spec.replicas : undefined;
        if (replicas !== undefined) {
          yield {
            index: target.index,
            severity: 'warning',
            path: ['spec', 'replicas'],
            message: `${displayName(target.o)} is scaled by ${displayName(hpa)} but sets replicas (${String(replicas)}): remove it, or an apply by another tool resets what the autoscaler chose`,
          };
        }
      }
    },
  };
}
