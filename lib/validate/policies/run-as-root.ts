import { isRecord } from '../../manifest/object.js';
import type { Policy } from './policy.js';
import { containersOf, podSpecOf } from './containers.js';

/** True, false, or undefined when the context says nothing about the user. */
function nonRoot(sc: unknown): boolean | undefined {
  if (!isRecord(sc)) return undefined;
  if (sc.runAsUser === 0) return false;
  if (typeof sc.runAsUser === 'number' || sc.runAsNonRoot === true) return true;
  if (sc.runAsNonRoot === false) return false;
  return undefined;
}

export const runAsRootPolicy: Policy = {
  id: 'run-as-root',
  description: 'containers run as a non-root user (runAsNonRoot or a non-zero runAsUser, in the container or the pod)',
  severity: 'error',
  *check(o) {
    const pod = podSpecOf(o);
    const podLevel = nonRoot(pod?.spec.securityContext);
    for (const { container, path } of containersOf(o)) {
      const own = nonRoot(container.securityContext);
      if ((own ?? podLevel) !== true) {
        yield {
          path: [...path, 'securityContext'],
          message: `container "${String(container.name)}" may run as root: set securityContext.runAsNonRoot: true or a non-zero runAsUser`,
        };
      }
    }
  },
};
