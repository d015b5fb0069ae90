import { isRecord } from '../../manifest/object.js';
import type { Policy } from './policy.js';
import { podSpecOf } from './containers.js';

export const hostPathPolicy: Policy = {
  id: 'host-path',
  description: "no hostPath volumes (they expose the node's filesystem)",
  severity: 'error',
  *check(o) {
    const pod = podSpecOf(o);
    if (!pod || !Array.isArray(pod.spec.volumes)) return;
    for (const [i, v] of pod.spec.volumes.entries()) {
      if (isRecord(v) && v.hostPath !== undefined) {
        yield {
          path: [...pod.path, 'volumes', i, 'hostPath'],
          message: `volume "${String(v.name)}" mounts the node's filesystem (hostPath): use a PersistentVolumeClaim, or opt out for node agents`,
        };
      }
    }
  },
};
