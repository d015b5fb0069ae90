import type { Policy } from './policy.js';
import { containersOf } from './containers.js';

/** Long-running workloads whose containers serve ports need a readiness probe to receive traffic safely. */
export const readinessProbePolicy: Policy = {
  id: 'readiness-probe',
  description: 'long-running containers that expose ports have a readiness probe',
  severity: 'warning',
  kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
  *check(o) {
    for (const { container, path, init } of containersOf(o)) {
      if (init || !Array.isArray(container.ports) || container.ports.length === 0) continue;
      if (container.readinessProbe === undefined) {
        yield {
          path: [...path, 'readinessProbe'],
          message: `container "${String(container.name)}" exposes ports but has no readiness probe: it receives traffic before it is ready`,
        };
      }
    }
  },
};
