import type { ObjectRule, RuleIssue } from '../rule.js';
import { getPath, isRecord } from '../../manifest/object.js';
import { compareQuantities, parseQuantity } from '../quantity.js';
import { podSpecPath } from '../workloads.js';

export const resourceRequestsWithinLimits: ObjectRule = {
  id: 'resource-requests-within-limits',
  description: "a container's resource requests are not larger than its limits",
  *check(o): Iterable<RuleIssue> {
    const base = podSpecPath(o.kind);
    if (!base) return;
    const spec = getPath(o, base);
    if (!isRecord(spec)) return;
    for (const list of ['containers', 'initContainers'] as const) {
      const containers = spec[list];
      if (!Array.isArray(containers)) continue;
      for (const [i, c] of containers.entries()) {
        const requests = getPath(c, ['resources', 'requests']);
        const limits = getPath(c, ['resources', 'limits']);
        if (!isRecord(requests) || !isRecord(limits)) continue;
        for (const [resource, request] of Object.entries(requests)) {
          const req = parseQuantity(request);
          const lim = parseQuantity(limits[resource]);
          if (req !== undefined && lim !== undefined && compareQuantities(req, lim) > 0) {
            yield {
              path: [...base, list, i, 'resources', 'requests', resource],
              message: `request ${String(request)} is larger than the limit ${String(limits[resource])}: a request must be less than or equal to its limit`,
            };
          }
        }
      }
    }
  },
};
