import { isRecord } from '../../manifest/object.js';
import type { Policy } from './policy.js';
import { containersOf, podSpecOf } from './containers.js';

export const privilegedPolicy: Policy = {
  id: 'privileged',
  description: 'no privileged containers, no privilege escalation, no host namespaces',
  severity: 'error',
  *check(o) {
    const pod = podSpecOf(o);
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
      if (pod?.spec[field] === true)
        yield {
          path: [...pod.path, field],
          message: `${field} gives the pod the node's namespace: remove it or opt out with the lading.dev/skip-policies annotation`,
        };
    }
    for (const { container, path } of containersOf(o)) {
      const sc = isRecord(container.securityContext) ? container.securityContext : {};
      if (sc.privileged === true)
        yield {
          path: [...path, 'securityContext', 'privileged'],
          message: `container "${String(container.name)}" is privileged: it has every capability of the node`,
        };
      if (sc.allowPrivilegeEscalation === true)
        yield { path: [...path, 'securityContext', 'allowPrivilegeEscalation'], message: `container "${String(container.name)}" allows privilege escalation` };
    }
  },
};
