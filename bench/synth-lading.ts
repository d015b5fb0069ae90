// One side of the synth benchmark: lading builds, validates and writes the workload to a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart } from '../lib/index.js';
import { loadModel } from '../lib/k8s/index.js';
import { synthesize } from '../lib/synth/synthesize.js';
import { applyDist, planDist } from '../lib/synth/write-dist.js';
import { NAMESPACE, WEB_APPS, appName } from './workload.js';

const model = await loadModel();
const outdir = mkdtempSync(join(tmpdir(), 'bench-lading-'));
const start = performance.now();
const app = new App();
const chart = new Chart(app, 'bench', { namespace: NAMESPACE });
for (let i = 0; i < WEB_APPS; i++) {
  const name = appName(i);
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': 'bench' };
  new ApiObject(chart, `${name}-secret`, { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data: {} });
  new ApiObject(chart, `${name}-deployment`, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{
            name: 'web', image: `ghcr.io/acme/web:1.${i % 10}.0`,
            ports: [{ name: 'http', containerPort: 8080 }],
            env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name, key: 'password' } } }],
            resources: { requests: { cpu: '100m' }, limits: { cpu: '500m' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
          }],
        },
      },
    },
  });
  new ApiObject(chart, `${name}-service`, {
    apiVersion: 'v1', kind: 'Service', metadata: { name, labels },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  });
  new ApiObject(chart, `${name}-hpa`, {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 2, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  });
}
const built = performance.now();
const result = synthesize(app, { model });
if (result.errors) throw new Error(`benchmark workload invalid: ${result.diagnostics[0]?.message}`);
const synthesized = performance.now();
const files = new Map(result.objects.map((o) => [o.file, o.yaml]));
await applyDist(outdir, files, await planDist(outdir, files));
const ms = performance.now() - start;
rmSync(outdir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({
  ms, objects: result.objects.length, buildMs: built - start, synthMs: synthesized - built, writeMs: performance.now() - synthesized,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
}) + '\n');
