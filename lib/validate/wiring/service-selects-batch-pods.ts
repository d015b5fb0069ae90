import { isRecord } from '../../manifest/object.js';
import type { RuleIssue, SetRule } from '../rule.js';
import { selectorMatches } from './label-selector.js';
import { displayName, podTemplates, sameNamespace } from './lookup.js';

const BATCH = new Set(['Job', 'CronJob']);

/**
 * A Service sends traffic to every pod it selects. When it selects a long-running workload's pods
 * and a Job's or CronJob's too (two constructs with the same name and instance share selector
 * labels: a CronTask named like a WebApp), requests also reach the batch pods. A Service of Job
 * pods alone (an indexed Job's headless Service) is fine.
 */
export function serviceSelectsBatchPods(): SetRule {
  return {
    id: 'service-selects-batch-pods',
    description: "a Service does not select a Job's or CronJob's pods together with a long-running workload's",
    *checkSet(objects): Iterable<RuleIssue & { index: number; related: number[] }> {
      const templates = podTemplates(objects);
      if (!templates.some((t) => BATCH.has(t.object.kind))) return;
      for (const [index, svc] of objects.entries()) {
        if (svc.kind !== 'Service' || !isRecord(svc.spec) || svc.spec.type === 'ExternalName') continue;
        const selector = svc.spec.selector;
        if (!isRecord(selector) || Object.keys(selector).length === 0) continue;
        const matched = templates.filter((t) => sameNamespace(t.object, svc) && selectorMatches({ matchLabels: selector }, t.labels));
        const batch = matched.filter((t) => BATCH.has(t.object.kind));
        const serving = matched.filter((t) => !BATCH.has(t.object.kind));
        if (!batch.length || !serving.length) continue;
        const names = (ts: typeof matched) => ts.map((t) => displayName(t.object)).join(', ');
        yield {
          index,
          related: [...serving, ...batch].map((t) => t.index),
          path: ['spec', 'selector'],
          message: `${displayName(svc)} selects the pods of ${names(batch)} as well as those of ${names(serving)} (they share the labels ${JSON.stringify(selector)}), so its traffic also reaches the batch pods: give one of them another name or instance`,
        };
      }
    },
  };
}
