import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../../lib/k8s/index.js';
import { importApps, loadApps } from '../../../lib/synth/load-apps.js';
import { synthesize } from '../../../lib/synth/synthesize.js';
import { formatDiagnostic } from '../../../lib/validate/format.js';

// The other construct tests skip the schemas for speed; here the example shop (which uses most
// constructs) is synthesized for real: schema, API server rules, wiring and policies.
test('the shop synthesizes in every environment with no error or warning, without its secrets', async () => {
  const model = await loadModel();
  const modules = await importApps(['apps/shop.ts']);
  for (const key of Object.keys(process.env)) if (key.startsWith('SHOP_')) delete process.env[key];
  for (const env of modules[0]!.environments) {
    const { app } = await loadApps(modules, env);
    const result = synthesize(app, { model });
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), [], env);
    // dev: Secrets that lading apply fills; prod: ExternalSecrets (the values live in the store).
    const secrets = result.objects.filter((o) => o.object.kind === (env === 'prod' ? 'ExternalSecret' : 'Secret'));
    assert.ok(secrets.length > 0, env);
    for (const s of secrets) assert.ok(!('data' in s.object) && !('stringData' in s.object), s.file);
  }
});

test('every other construct synthesizes valid objects for the real schemas', async () => {
  const lib = await import('../../../lib/index.js');
  const app = new lib.App({ env: 'dev' });
  const chart = new lib.Chart(app, 'kitchen', { namespace: 'kitchen' });
  const sa = new lib.PodIdentity(chart, 'ops', { grants: [{ resources: ['pods'], verbs: ['get'] }] });
  const claim = new lib.VolumeClaim(chart, 'uploads', { size: '1Gi' });
  new lib.Task(chart, 'migrate', { image: 'busybox:1.37', serviceAccount: sa, mounts: { '/u': lib.PodVolume.fromClaim(claim) } });
  new lib.DaemonService(chart, 'agent', { image: 'busybox:1.37', ports: { metrics: 9100 }, readiness: lib.Probe.http('/ready', { port: 'metrics' }) });
  new lib.ExternalService(chart, 'payments', { externalName: 'api.stripe.com', ports: { https: 443 } });
  const web = new lib.WebApp(chart, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.3',
    port: 8080,
    serviceType: 'LoadBalancer',
    disruptionBudget: { minAvailable: 1 },
  });
  new lib.TrafficPolicy(chart, 'web-policy', {
    selects: web,
    allowFrom: [{ cidr: '10.0.0.0/8' }],
    allowTo: [{ namespaceLabels: { a: 'b' } }],
    egressPorts: [53],
  });
  new lib.Include(chart, 'legacy', { file: 'test/unit/constructs/fixtures/legacy.yaml' });
  const result = synthesize(app, { model: await loadModel() });
  assert.deepEqual(result.diagnostics.map(formatDiagnostic), []);
});
