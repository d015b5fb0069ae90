import type { ObjectRule, RuleIssue } from '../rule.js';

export const autoscalerBounds: ObjectRule = {
  id: 'autoscaler-bounds',
  description: "an HPA's minReplicas is at least 1 and not above maxReplicas",
  kinds: ['HorizontalPodAutoscaler'],
  *check(o): Iterable<RuleIssue> {
    const spec = o.spec as { minReplicas?: unknown; maxReplicas?: unknown } | undefined;
    const min = typeof spec?.minReplicas === 'number' ? spec.minReplicas : 1;
    const max = spec?.maxReplicas;
    if (min < 1) yield { path: ['spec', 'minReplicas'], message: `must be at least 1 (got ${min})` };
    if (typeof max === 'number') {
      if (max < 1) yield { path: ['spec', 'maxReplicas'], message: `must be at least 1 (got ${max})` };
      if (min > max)
        yield { path: ['spec', 'minReplicas'], message: `minReplicas ${min} is greater than maxReplicas ${max}: expected minReplicas <= maxReplicas` };
    }
  },
};
