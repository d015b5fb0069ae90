import { type App, Chart, Config, Credentials, CronTask, PodIdentity, PodVolume, Probe, TrafficPolicy, VolumeClaim, WebApp, fromEnv } from 'lading';

/**
 * A production service: its settings and database password, an autoscaled API behind a TLS
 * Ingress with a disruption budget, a nightly backup, an identity allowed to read its settings,
 * and a network policy letting in only the ingress controller.
 */
export function orders(app: App, namespace = 'orders'): Chart {
  const chart = new Chart(app, 'orders', { namespace });
  const settings = new Config(chart, 'settings', { data: { LOG_LEVEL: 'info', DB_HOST: 'orders-db.data.svc', FEATURE_FLAGS: 'settings' } });
  const db = new Credentials(chart, 'db', { keys: { password: fromEnv('ORDERS_DB_PASSWORD') } });
  const identity = new PodIdentity(chart, 'identity', {
    name: 'orders-api',
    grants: [{ resources: ['configmaps'], resourceNames: [settings.name], verbs: ['get', 'watch'] }],
  });
  const image = 'ghcr.io/acme/orders:3.2.1';
  const env = { DB_PASSWORD: db.key('password') };

  const api = new WebApp(chart, 'orders-api', {
    image,
    port: 8080,
    serviceAccount: identity,
    envFrom: [settings],
    env,
    readiness: Probe.http('/healthz'),
    liveness: Probe.http('/livez', { periodSeconds: 20 }),
    lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } }, // let the Ingress stop sending first
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
    autoscale: { min: 3, max: 12, cpuPercent: 70 },
    disruptionBudget: { minAvailable: 2 },
    ingress: { host: 'orders.example.com', className: 'nginx', tlsSecret: 'orders-tls' },
  });

  const backups = new VolumeClaim(chart, 'backups', { size: '50Gi' });
  new CronTask(chart, 'backup', {
    image,
    command: ['orders', 'backup', '--to', '/backups'],
    schedule: '30 2 * * *',
    timeZone: 'Europe/Berlin',
    envFrom: [settings],
    env,
    serviceAccount: false,
    mounts: { '/backups': PodVolume.fromClaim(backups) },
  });

  new TrafficPolicy(chart, 'orders-api-ingress', {
    selects: api,
    allowFrom: [{ namespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }],
    ingressPorts: [api.portName],
  });
  return chart;
}

export default (app: App): void => void orders(app);
