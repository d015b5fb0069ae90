import type { ObjectRule, RuleIssue } from '../rule.js';
import { getPath, isRecord } from '../../manifest/object.js';
import { compareQuantities, parseQuantity } from '../quantity.js';
import { podSpecPath } from '../workloads.js';

const LISTS = ['containers', 'initContainers'] as const;

export const resourceRequestsWithinLimits: ObjectRule = {
  id: 'resource-requests-within-limits',
  description: "a container's resource requests are not larger than its limits",
  check(o): RuleIssue[] {
    const out: RuleIssue[] = [];
    const base = podSpecPath(o.kind);
    if (!base) return out;
    const spec = getPath(o, base);
    if (!isRecord(spec)) return out;
    for (const list of LISTS) {
      const containers = spec[list];
      if (!Array.isArray(containers)) continue;
      for (let i = 0; i < containers.length; i++) {
        const resources: unknown = isRecord(containers[i]) ? containers[i].resources : undefined;
        const requests = isRecord(resources) ? resources.requests : undefined;
        const limits = isRecord(resources) ? resources.limits : undefined;
        if (!isRecord(requests) || !isRecord(limits)) continue;
        for (const [resource, request] of Object.entries(requests)) {
          const req = parseQuantity(request);
          const lim = parseQuantity(limits[resource]);
          if (req !== undefined && lim !== undefined && compareQuantities(req, lim) > 0) {
            out.push({
              path: [...base, list, i, 'resources', 'requests', resource],
              message: `request ${String(request)} is larger than the limit ${String(limits[resource])}: a request must be less than or equal to its limit`,
            });
          }
        }
      }
    }
    return out;
  },
};
