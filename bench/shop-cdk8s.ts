// The example shop of apps/shop.ts (+ apps/_shop/*.ts) written with cdk8s + cdk8s-plus-33, the way a
// cdk8s user would: the benchmark counts its lines next to lading's (bench/part-lines.ts).
// `node --import tsx bench/shop-cdk8s.ts` synthesizes the prod environment and prints the object count.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiObject, type ApiObjectMetadata, App, Chart, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import type { Construct } from 'constructs';

/** What differs between the shop's environments; everything else is the same code. */
export interface ShopEnvironment {
  readonly host: string;
  /** Web frontend: autoscaling bounds. */
  readonly web: { readonly min: number; readonly max: number };
  readonly apiReplicas: number;
  readonly workerReplicas: number;
  readonly redisStorage: Size;
  readonly logLevel: 'debug' | 'info';
}

export const environments: Record<'dev' | 'prod', ShopEnvironment> = {
  dev: { host: 'dev.shop.example.com', web: { min: 1, max: 3 }, apiReplicas: 1, workerReplicas: 1, redisStorage: Size.gibibytes(1), logLevel: 'debug' },
  prod: { host: 'shop.example.com', web: { min: 3, max: 20 }, apiReplicas: 3, workerReplicas: 2, redisStorage: Size.gibibytes(20), logLevel: 'info' },
};

/** Labels on every object and pod of the shop. */
const shopLabels = { 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/managed-by': 'cdk8s' };

/** The recommended labels of one component (part-of and managed-by come from the Chart). */
function labels(name: string, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': component };
}

/** The name and labels of one object. */
function meta(name: string, component: string): ApiObjectMetadata {
  return { name, labels: labels(name, component) };
}

/** The labels of a workload's pods: cdk8s-plus selects them by its own `cdk8s.io/metadata.addr` label. */
function podMeta(name: string, component: string, version: string): ApiObjectMetadata {
  return { labels: { ...shopLabels, ...labels(name, component), 'app.kubernetes.io/version': version } };
}

/** A secret value read from the environment at synth time (cdk8s writes it into dist/ as stringData). */
function fromEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

/** No root, no privilege escalation, no capabilities, a read-only root file system. */
const hardened: kplus.ContainerSecurityContextProps = {
  ensureNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: [kplus.Capability.ALL] },
  seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
};

/** cdk8s-plus' defaults are 1 CPU and 512Mi-2Gi of memory; the shop's small containers ask for less. */
const smallResources: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(100) },
  memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
};

const rollingUpdate = kplus.DeploymentStrategy.rollingUpdate({
  maxSurge: kplus.PercentOrAbsolute.percent(25),
  maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
});

/** A web shop: storefront, API, queue worker, nightly report and Redis. */
export function shop(scope: Construct, env: ShopEnvironment): Chart {
  const chart = new Chart(scope, 'shop', {
    namespace: 'shop',
    labels: shopLabels,
    disableResourceNameHashes: true,
  });
  new kplus.Namespace(chart, 'namespace', { metadata: meta('shop', 'namespace') });

  const settings = new kplus.ConfigMap(chart, 'settings', {
    metadata: meta('settings', 'config'),
    data: { LOG_LEVEL: env.logLevel, PUBLIC_URL: `https://${env.host}`, REDIS_URL: 'redis://redis-0.redis:6379' },
  });
  const db = new kplus.Secret(chart, 'db', {
    metadata: meta('db', 'secret'),
    stringData: { url: fromEnv('SHOP_DATABASE_URL'), password: fromEnv('SHOP_DB_PASSWORD') },
  });
  const payments = new kplus.Secret(chart, 'payments', {
    metadata: meta('payments', 'secret'),
    stringData: { 'api-key': fromEnv('SHOP_STRIPE_API_KEY') },
  });

  // Redis: the cache and job queue, one pod with its own volume behind a headless Service.
  const redisService = new kplus.Service(chart, 'redis-service', {
    metadata: meta('redis', 'stateful'),
    clusterIP: 'None',
    ports: [{ name: 'redis', port: 6379, targetPort: 6379 }],
  });
  const redisClaim = kplus.PersistentVolumeClaim.fromClaimName(chart, 'redis-claim', 'data');
  const redis = new kplus.StatefulSet(chart, 'redis', {
    metadata: meta('redis', 'stateful'),
    podMetadata: podMeta('redis', 'stateful', '7.4.1'),
    service: redisService,
    replicas: 1,
    serviceAccount: new kplus.ServiceAccount(chart, 'redis-sa', { metadata: meta('redis', 'stateful') }),
    securityContext: { user: 999, fsGroup: 999 },
    volumeClaimTemplates: [{ name: 'data', storage: env.redisStorage, accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] }],
    containers: [
      {
        name: 'redis',
        image: 'redis:7.4.1',
        portNumber: 6379,
        args: ['--appendonly', 'yes'],
        readiness: kplus.Probe.fromCommand(['redis-cli', 'ping']),
        securityContext: hardened,
        resources: {
          cpu: { request: kplus.Cpu.millis(100) },
          memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
        },
        volumeMounts: [{ path: '/data', volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'redis-data', redisClaim, { name: 'data' }) }],
      },
    ],
  });

  // API: Deployment, ServiceAccount, Service and PodDisruptionBudget.
  const api = new kplus.Deployment(chart, 'api', {
    metadata: meta('api', 'web'),
    podMetadata: podMeta('api', 'web', '2.3.0'),
    replicas: env.apiReplicas,
    strategy: rollingUpdate,
    serviceAccount: new kplus.ServiceAccount(chart, 'api-sa', { metadata: meta('api', 'web') }),
    containers: [
      {
        name: 'api',
        image: 'ghcr.io/acme/shop-api:2.3.0',
        portNumber: 8080,
        envFrom: [kplus.Env.fromConfigMap(settings)],
        envVariables: { DATABASE_URL: db.envValue('url'), STRIPE_API_KEY: payments.envValue('api-key') },
        readiness: kplus.Probe.fromHttpGet('/healthz'),
        liveness: kplus.Probe.fromHttpGet('/livez', { periodSeconds: Duration.seconds(20) }),
        securityContext: hardened,
        resources: {
          cpu: { request: kplus.Cpu.millis(250) },
          memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
        },
      },
    ],
  });
  const apiService = new kplus.Service(chart, 'api-service', {
    metadata: meta('api', 'web'),
    selector: api,
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  });
  new ApiObject(chart, 'api-pdb', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('api', 'web'),
    spec: { maxUnavailable: 1, selector: { matchLabels: api.matchLabels } },
  });

  // Web frontend: Deployment, ServiceAccount, Service, HorizontalPodAutoscaler, Ingress and PodDisruptionBudget.
  const web = new kplus.Deployment(chart, 'web', {
    metadata: meta('web', 'web'),
    podMetadata: podMeta('web', 'web', '1.4.2'),
    strategy: rollingUpdate,
    serviceAccount: new kplus.ServiceAccount(chart, 'web-sa', { metadata: meta('web', 'web') }),
    containers: [
      {
        name: 'web',
        image: 'ghcr.io/acme/shop-web:1.4.2',
        portNumber: 3000,
        envFrom: [kplus.Env.fromConfigMap(settings)],
        envVariables: { API_URL: kplus.EnvValue.fromValue(`http://api.shop.svc:${apiService.port}`) },
        readiness: kplus.Probe.fromHttpGet('/'),
        securityContext: hardened,
        resources: smallResources,
        volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, 'web-tmp', 'tmp', { sizeLimit: Size.mebibytes(64) }) }],
      },
    ],
  });
  const webService = new kplus.Service(chart, 'web-service', {
    metadata: meta('web', 'web'),
    selector: web,
    ports: [{ name: 'http', port: 80, targetPort: 3000 }],
  });
  new kplus.HorizontalPodAutoscaler(chart, 'web-hpa', {
    metadata: meta('web', 'web'),
    target: web,
    minReplicas: env.web.min,
    maxReplicas: env.web.max,
    metrics: [
      kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70)),
      kplus.Metric.pods({ name: 'http_requests_per_second', target: kplus.MetricTarget.averageValue(50) }),
    ],
  });
  new kplus.Ingress(chart, 'web-ingress', {
    metadata: meta('web', 'web'),
    className: 'nginx',
    rules: [
      {
        host: env.host,
        path: '/',
        pathType: kplus.HttpIngressPathType.PREFIX,
        backend: kplus.IngressBackend.fromService(webService),
      },
    ],
    tls: [{ hosts: [env.host], secret: kplus.Secret.fromSecretName(chart, 'shop-tls', 'shop-tls') }],
  });
  new ApiObject(chart, 'web-pdb', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('web', 'web'),
    spec: { maxUnavailable: 1, selector: { matchLabels: web.matchLabels } },
  });

  const worker = new kplus.Deployment(chart, 'worker', {
    metadata: meta('worker', 'worker'),
    podMetadata: podMeta('worker', 'worker', '2.3.0'),
    replicas: env.workerReplicas,
    strategy: rollingUpdate,
    serviceAccount: new kplus.ServiceAccount(chart, 'worker-sa', { metadata: meta('worker', 'worker') }),
    containers: [
      {
        name: 'worker',
        image: 'ghcr.io/acme/shop-api:2.3.0',
        command: ['shop', 'work', '--queue', 'orders'],
        envFrom: [kplus.Env.fromConfigMap(settings)],
        envVariables: { DATABASE_URL: db.envValue('url'), STRIPE_API_KEY: payments.envValue('api-key') },
        securityContext: hardened,
        resources: smallResources,
      },
    ],
  });

  new kplus.CronJob(chart, 'nightly-report', {
    metadata: meta('nightly-report', 'cron-task'),
    podMetadata: podMeta('nightly-report', 'cron-task', '2.3.0'),
    schedule: Cron.schedule({ minute: '0', hour: '3' }),
    timeZone: 'Europe/Berlin',
    concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
    backoffLimit: 3,
    ttlAfterFinished: Duration.days(1),
    restartPolicy: kplus.RestartPolicy.NEVER,
    containers: [
      {
        name: 'nightly-report',
        image: 'ghcr.io/acme/shop-api:2.3.0',
        command: ['shop', 'report', '--since', '24h'],
        envVariables: { DATABASE_URL: db.envValue('url') },
        securityContext: hardened,
        resources: smallResources,
      },
    ],
  });

  new kplus.NetworkPolicy(chart, 'redis-clients', {
    metadata: meta('redis-clients', 'network-policy'),
    selector: redis,
    ingress: {
      rules: [
        { peer: api, ports: [kplus.NetworkPolicyPort.tcp(6379)] },
        { peer: worker, ports: [kplus.NetworkPolicyPort.tcp(6379)] },
      ],
    },
  });
  return chart;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of ['SHOP_DATABASE_URL', 'SHOP_DB_PASSWORD', 'SHOP_STRIPE_API_KEY']) process.env[name] ??= 'placeholder';
  mkdirSync('.cache/bench', { recursive: true });
  const outdir = mkdtempSync(join('.cache/bench', 'shop-cdk8s-'));
  try {
    const app = new App({ outdir });
    shop(app, environments.prod);
    app.synth();
    const yaml = readdirSync(outdir)
      .map((f) => readFileSync(join(outdir, f), 'utf8'))
      .join('\n');
    const objects = yaml.split(/^---$/m).filter((doc) => /^kind:/m.test(doc)).length;
    console.log(`cdk8s-plus-33 shop (prod): ${objects} objects`);
    if (process.argv.includes('--print')) console.log(yaml);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
