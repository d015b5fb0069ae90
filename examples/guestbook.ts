import { type App, Chart, WebApp } from 'lading';

// The images run as root (Apache; Redis builds that write /data): what each needs instead of
// the secure defaults, as the image-needs policy says. Root also needs the run-as-root opt-out.
const runsAsRoot = {
  securityContext: { runAsNonRoot: null, readOnlyRootFilesystem: null },
  annotations: { 'lading.dev/skip-policies': 'run-as-root' },
} as const;
const small = { requests: { cpu: '100m', memory: '100Mi' } };

/** kubernetes/examples web/guestbook: a Redis leader, two Redis followers and a PHP frontend. */
export function guestbook(app: App, namespace?: string): Chart {
  const chart = new Chart(app, 'guestbook', { namespace });
  const redis = { port: 6379, portName: 'redis', servicePort: 6379, resources: small } as const;
  new WebApp(chart, 'redis-master', {
    ...redis,
    image: 'registry.k8s.io/redis:e2e',
    replicas: 1,
    securityContext: { runAsUser: 999, readOnlyRootFilesystem: null },
  });
  new WebApp(chart, 'redis-replica', {
    ...redis,
    ...runsAsRoot,
    image: 'gcr.io/google_samples/gb-redisslave:v1',
    replicas: 2,
    env: { GET_HOSTS_FROM: 'dns' },
  });
  new WebApp(chart, 'frontend', {
    ...runsAsRoot,
    image: 'gcr.io/google-samples/gb-frontend:v5',
    port: 80,
    replicas: 3,
    serviceType: 'NodePort',
    resources: small,
    env: { GET_HOSTS_FROM: 'dns' },
    securityContext: { ...runsAsRoot.securityContext, capabilities: { add: ['NET_BIND_SERVICE', 'SETUID', 'SETGID'] } },
  });
  return chart;
}

export default (app: App): void => void guestbook(app);
