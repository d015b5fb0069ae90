// One side of the synth benchmark: cdk8s-plus-33 builds and synthesizes the workload to a temp dir.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { NAMESPACE, WEB_APPS, appName } from './workload.js';

mkdirSync('.cache/bench', { recursive: true });
// Both sides write below the repo: the same file system (the machine's /tmp is much slower).
const outdir = mkdtempSync(join('.cache/bench', 'bench-cdk8s-'));
const start = performance.now();
const cpu = process.cpuUsage();
const app = new App({ outdir });
const chart = new Chart(app, 'bench', { namespace: NAMESPACE, disableResourceNameHashes: true });
for (let i = 0; i < WEB_APPS; i++) {
  const name = appName(i);
  const secret = new kplus.Secret(chart, `${name}-secret`, { metadata: { name } });
  secret.addStringData('password', 'not-a-real-secret');
  const deployment = new kplus.Deployment(chart, name, {
    metadata: { name },
    containers: [
      {
        name: 'web',
        image: `ghcr.io/acme/web:1.${i % 10}.0`,
        portNumber: 8080,
        envVariables: { DB_PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: 'password' }) },
        resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) } },
        readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080, periodSeconds: Duration.seconds(10) }),
      },
    ],
  });
  deployment.exposeViaService({ name, ports: [{ port: 80, targetPort: 8080 }] });
  new kplus.HorizontalPodAutoscaler(chart, `${name}-hpa`, {
    metadata: { name },
    target: deployment,
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
  });
}
app.synth();
const ms = performance.now() - start;
// The output stays until the whole benchmark ends (bench/part-synth.ts removes it): deleting
// thousands of files here would slow the next run's writes (this disk discards deleted blocks online).
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
