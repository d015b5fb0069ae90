import { isRecord } from '../../manifest/object.js';
import type { Policy } from './policy.js';
import { containersOf } from './containers.js';

export const resourcesPolicy: Policy = {
  id: 'resources',
  description: 'every container requests cpu and memory and limits memory',
  severity: 'warning',
  *check(o) {
    for (const { container, path } of containersOf(o)) {
      const r = isRecord(container.resources) ? container.resources : {};
      const requests = isRecord(r.requests) ? r.requests : {};
      const limits = isRecord(r.limits) ? r.limits : {};
      const missing = [
        ...(requests.cpu === undefined ? ['requests.cpu'] : []),
        ...(requests.memory === undefined ? ['requests.memory'] : []),
        ...(limits.memory === undefined ? ['limits.memory'] : []),
      ];
      if (missing.length)
        yield {
          path: [...path, 'resources'],
          message: `container "${String(container.name)}" sets no ${missing.join(', ')}: the scheduler cannot place it well and it may starve its neighbours`,
        };
    }
  },
};
