// One side of the synth benchmark: lading builds, validates and writes the workload to a temp dir.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, Probe, Credentials, WebApp, literal } from '../lib/index.js';
import { loadModel } from '../lib/k8s/index.js';
import { synthesize } from '../lib/synth/synthesize.js';
import { applyDist, planDist } from '../lib/synth/write-dist.js';
import { NAMESPACE, WEB_APPS, appName } from './workload.js';

const model = await loadModel();
mkdirSync('.cache/bench', { recursive: true });
// Both sides write below the repo: the same file system (the machine's /tmp is much slower).
const outdir = mkdtempSync(join('.cache/bench', 'bench-lading-'));
const start = performance.now();
const cpu = process.cpuUsage();
const app = new App();
const chart = new Chart(app, 'bench', { namespace: NAMESPACE });
for (let i = 0; i < WEB_APPS; i++) {
  const name = appName(i);
  const secret = new Credentials(chart, `${name}-secret`, { name, keys: { password: literal('not-a-real-secret') } });
  new WebApp(chart, name, {
    image: `ghcr.io/acme/web:1.${i % 10}.0`,
    port: 8080,
    env: { DB_PASSWORD: secret.key('password') },
    resources: { requests: { cpu: '100m' }, limits: { cpu: '500m' } },
    readiness: Probe.http('/healthz', { periodSeconds: 10 }),
    autoscale: { min: 2, max: 10, cpuPercent: 70 },
    serviceAccount: false,
    disruptionBudget: false,
  });
}
const built = performance.now();
// Policies off: the benchmark's literal secret values are deliberate (cdk8s-plus has no policies).
const result = synthesize(app, { model, policies: false });
if (result.errors) throw new Error(`benchmark workload invalid: ${result.diagnostics[0]?.message}`);
const synthesized = performance.now();
const files = new Map(result.objects.map((o) => [o.file, o.yaml]));
await applyDist(outdir, files, await planDist(outdir, files));
const ms = performance.now() - start;
// The output stays until the whole benchmark ends (bench/part-synth.ts removes it): deleting
// thousands of files here would slow the next run's writes (this disk discards deleted blocks online).
const used = process.cpuUsage(cpu);
process.stdout.write(
  JSON.stringify({
    ms,
    cpuMs: (used.user + used.system) / 1000,
    objects: result.objects.length,
    buildMs: built - start,
    synthMs: synthesized - built,
    writeMs: performance.now() - synthesized,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
