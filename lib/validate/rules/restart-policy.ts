import type { ObjectRule, RuleIssue } from '../rule.js';
import { getPath } from '../../manifest/object.js';
import { WORKLOADS } from '../workloads.js';

export const restartPolicy: ObjectRule = {
  id: 'restart-policy',
  description: 'the pod restartPolicy is one the workload kind allows (Always for controllers, OnFailure or Never for Jobs)',
  kinds: Object.keys(WORKLOADS),
  *check(o): Iterable<RuleIssue> {
    const shape = WORKLOADS[o.kind];
    if (!shape) return;
    const path = [...shape.template, 'spec', 'restartPolicy'];
    const value = getPath(o, path);
    if (value === undefined) {
      // The API server defaults it to Always, which a Job rejects.
      if (!shape.restartPolicies.includes('Always')) {
        yield { path, message: `required for a ${o.kind}: set it to ${shape.restartPolicies.join(' or ')}` };
      }
      return;
    }
    if (typeof value === 'string' && !shape.restartPolicies.includes(value)) {
      yield { path, message: `"${value}" is not allowed for a ${o.kind}: expected ${shape.restartPolicies.join(' or ')}` };
    }
  },
};
