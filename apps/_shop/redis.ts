import { type Chart, Probe, StatefulService } from 'lading';

/** The cache and job queue: one Redis pod with its own volume. */
export function redis(chart: Chart, storage: string): StatefulService {
  return new StatefulService(chart, 'redis', {
    image: 'redis:7.4.1',
    port: 6379,
    portName: 'redis',
    args: ['--appendonly', 'yes'],
    storage: { '/data': { size: storage } },
    readiness: Probe.exec(['redis-cli', 'ping']),
    podSecurityContext: { runAsUser: 999, fsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
  });
}
