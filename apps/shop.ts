import { type App, Chart, Config, CronTask, AppNamespace, TrafficPolicy, Probe, Credentials, PodVolume, WebApp, Worker, fromEnv } from 'lading';
import { shopEnvironments } from './_shop/environments.js';
import { redis } from './_shop/redis.js';

export const environments = shopEnvironments.names;

/** A web shop: storefront, API, queue worker, nightly report and Redis, in dev and prod. */
export default function shop(app: App): void {
  const env = shopEnvironments.select(app);
  const chart = new Chart(app, 'shop', { namespace: 'shop', defaults: { secrets: env.secrets } });
  new AppNamespace(chart, 'shop');

  const settings = new Config(chart, 'settings', {
    data: { LOG_LEVEL: env.logLevel, PUBLIC_URL: `https://${env.host}`, REDIS_URL: 'redis://redis-0.redis:6379' },
  });
  const db = new Credentials(chart, 'db', { keys: { url: fromEnv('SHOP_DATABASE_URL'), password: fromEnv('SHOP_DB_PASSWORD') } });
  const payments = new Credentials(chart, 'payments', { keys: { 'api-key': fromEnv('SHOP_STRIPE_API_KEY') } });

  const cache = redis(chart, env.redisStorage);

  const api = new WebApp(chart, 'api', {
    image: 'ghcr.io/acme/shop-api:2.3.0',
    port: 8080,
    replicas: env.apiReplicas,
    envFrom: [settings],
    env: { DATABASE_URL: db.key('url'), STRIPE_API_KEY: payments.key('api-key') },
    readiness: Probe.http('/healthz'),
    liveness: Probe.http('/livez', { periodSeconds: 20 }),
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
  });

  new WebApp(chart, 'web', {
    image: 'ghcr.io/acme/shop-web:1.4.2',
    port: 3000,
    envFrom: [settings],
    env: { API_URL: `http://api.shop.svc:${api.servicePort}` },
    readiness: Probe.http('/'),
    mounts: { '/tmp': PodVolume.emptyDir('tmp', { sizeLimit: '64Mi' }) },
    autoscale: { min: env.web.min, max: env.web.max, cpuPercent: 70, podMetrics: { http_requests_per_second: '50' } },
    ingress: { host: env.host, className: 'nginx', tlsSecret: 'shop-tls' },
  });

  new Worker(chart, 'worker', {
    image: 'ghcr.io/acme/shop-api:2.3.0',
    command: ['shop', 'work', '--queue', 'orders'],
    replicas: env.workerReplicas,
    envFrom: [settings],
    env: { DATABASE_URL: db.key('url'), STRIPE_API_KEY: payments.key('api-key') },
  });

  new CronTask(chart, 'nightly-report', {
    image: 'ghcr.io/acme/shop-api:2.3.0',
    command: ['shop', 'report', '--since', '24h'],
    schedule: '0 3 * * *',
    timeZone: 'Europe/Berlin',
    env: { DATABASE_URL: db.key('url') },
    serviceAccount: false,
  });

  new TrafficPolicy(chart, 'redis-clients', {
    selects: cache,
    allowFrom: [api, { podLabels: { 'app.kubernetes.io/name': 'worker' } }],
    ingressPorts: ['redis'],
  });
}
