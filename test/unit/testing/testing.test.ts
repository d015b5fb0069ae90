import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiObject, Chart, Testing, TestingSynthError, WebApp } from '../../../lib/index.js';

test('Testing.app and Testing.synth: the objects lading synth would write, in apply order', async () => {
  const app = Testing.app({ defaults: { labels: { team: 'payments' } } });
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new WebApp(chart, 'web', { image: 'ghcr.io/acme/shop:1.4.2', port: 8080 });
  const objects = await Testing.synth(chart);
  assert.deepEqual(
    objects.map((o) => o.kind),
    ['ServiceAccount', 'Service', 'Deployment', 'PodDisruptionBudget'],
  );
  const deployment = objects.find((o) => o.kind === 'Deployment')!;
  assert.equal(deployment.metadata?.namespace, 'shop');
  assert.equal(deployment.metadata?.labels?.team, 'payments', 'organisation defaults of the App');
});

test('Testing.synth throws every problem; Testing.synthResult returns them', async () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  new WebApp(chart, 'web', { image: 'ghcr.io/acme/shop:latest', port: 8080 });
  new ApiObject(chart, 'cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } });
  await assert.rejects(
    Testing.synth(chart),
    (e: unknown) => e instanceof TestingSynthError && /synth failed: 2 errors/.test(e.message) && /Bad_Name/.test(e.message) && /"latest"/.test(e.message),
  );
  const result = await Testing.synthResult(chart);
  assert.equal(result.errors, 2);
});
