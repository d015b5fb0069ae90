import type { ObjectRule, RuleIssue } from '../rule.js';
import { isRecord } from '../../manifest/object.js';
import { portName, portNumber } from '../formats.js';
import { containersOf } from '../workloads.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/**
 * A probe's port, as the kubelet resolves it: a number is used as it is (it need not be declared:
 * declaring ports is optional), a name must be a port of the same container (else the probe fails
 * every time and the pod never becomes ready, or is restarted forever). A string is a name for
 * the API server, which rejects "8080".
 */
function declaredNames(names: readonly unknown[]): string {
  const named = names.filter((n) => typeof n === 'string');
  return named.length ? `its named ports: ${named.join(', ')}` : 'it names no ports';
}

export const probePorts: ObjectRule = {
  id: 'probe-ports',
  description: "a probe's named port is a port of its own container; numbered ports are 1-65535",
  *check(o): Iterable<RuleIssue> {
    for (const { container, pathOf } of containersOf(o, ['containers', 'initContainers'])) {
      const names = Array.isArray(container.ports) ? container.ports.map((p) => (isRecord(p) ? p.name : undefined)) : [];
      for (const probe of PROBES) {
        const spec = container[probe];
        if (!isRecord(spec)) continue;
        for (const handler of HANDLERS) {
          const action = spec[handler];
          if (!isRecord(action)) continue;
          const port = action.port;
          if (typeof port === 'string' ? names.includes(port) : typeof port !== 'number' || portNumber(port) === undefined) continue; // the common cases, quickly
          const at = pathOf(probe, handler, 'port');
          const badName = typeof port === 'string' ? portName(port) : undefined;
          if (typeof port === 'number') {
            const bad = portNumber(port);
            if (bad) yield { path: at, message: bad };
          } else if (badName) {
            yield {
              path: at,
              message: `invalid port name "${port}": ${badName}${/^[0-9]+$/.test(port as string) ? ` (for a port number, write ${port} without quotes)` : ''}`,
            };
          } else {
            const name = typeof container.name === 'string' ? container.name : '?';
            yield {
              path: at,
              message: `${probe} port "${port}" is not a port of container "${name}" (${declaredNames(names)}): the kubelet finds a named port only in the probe's own container, so this probe always fails`,
            };
          }
        }
      }
    }
  },
};
