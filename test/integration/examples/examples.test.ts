import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cassandra } from '../../../examples/cassandra.js';
import { guestbook } from '../../../examples/guestbook.js';
import { orders } from '../../../examples/orders.js';
import { wordpress } from '../../../examples/wordpress.js';
import { App } from '../../../lib/constructs/app.js';
import type { Chart } from '../../../lib/constructs/chart.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { canonicalize } from '../../../lib/manifest/canonical.js';
import { collectObjects } from '../../../lib/synth/collect.js';
import { env, kube, lading, onCleanup, uniqueNamespace, writeManifests } from '../apply/helpers.js';

// Each example is applied to the test control plane in its own namespace and waited for: its
// objects are accepted, the controllers make ReplicaSets and Pods, the simulated kubelets run them
// (test/cluster/README.md: containers are ready at once; probes, images and networking are not
// real), the simulated provisioner binds the claims. Then diff and apply find nothing to do.

type Status = Record<string, unknown>;
const status = async (apiVersion: string, kind: string, ns: string | undefined, name: string): Promise<Status> =>
  ((await kube.get(apiVersion, kind, ns, name)) as { status?: Status } | undefined)?.status ?? {};

function objectsOf(build: (app: App) => Chart): KubeObject[] {
  const app = new App();
  build(app);
  return collectObjects(app).map((o) => canonicalize(o.object) as KubeObject);
}

async function applyAndWait(name: string, ns: string, objects: readonly KubeObject[], secrets: Record<string, string> = {}) {
  await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, 'test-setup');
  const file = writeManifests(objects);
  const args = ['--name', name, '--namespace', ns, '--yes', '--trust-secret-sources'];
  const first = await lading(['apply', '-f', file, ...args, '--wait', '--timeout', '3m'], { env: { ...env, ...secrets } });
  assert.equal(first.code, 0, first.stdout + first.stderr);
  const diff = await lading(['diff', '-f', file, '--name', name, '--namespace', ns], { env: { ...env, ...secrets } });
  assert.equal(diff.code, 0, `diff after apply: ${diff.stdout}${diff.stderr}`);
  const again = await lading(['apply', '-f', file, ...args], { env: { ...env, ...secrets } });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /nothing to apply: the cluster matches/);
}

// The HorizontalPodAutoscaler controller raises an autoscaled Deployment (created with 1 replica)
// to minReplicas within a sync period or two (15 s each), metrics or not.
async function eventually(check: () => Promise<boolean>, what: string, seconds = 90): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`not within ${seconds}s: ${what}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function assertDeploymentsAvailable(ns: string, replicas: Record<string, number>) {
  for (const [name, n] of Object.entries(replicas)) {
    const s = await status('apps/v1', 'Deployment', ns, name);
    assert.equal(s.availableReplicas, n, `Deployment ${name}: ${JSON.stringify(s)}`);
  }
}

describe('the examples run on the test control plane', () => {
  test('guestbook: Redis leader and followers, frontend: every pod available', async () => {
    const ns = uniqueNamespace('ex-guestbook');
    await applyAndWait(
      'guestbook',
      ns,
      objectsOf((app) => guestbook(app, ns)),
    );
    await assertDeploymentsAvailable(ns, { 'redis-master': 1, 'redis-replica': 2, frontend: 3 });
    const frontend = (await kube.get('v1', 'Service', ns, 'frontend')) as unknown as { spec: { type: string; ports: { nodePort?: number }[] } };
    assert.equal(frontend.spec.type, 'NodePort');
    assert.ok(frontend.spec.ports[0]!.nodePort, 'the API server gave the frontend a node port');
  });

  test('wordpress: MySQL and WordPress available, their claims bound', async () => {
    const ns = uniqueNamespace('ex-wordpress');
    await applyAndWait(
      'wordpress',
      ns,
      objectsOf((app) => wordpress(app, ns)),
      { MYSQL_ROOT_PASSWORD: 'test-only-password' },
    );
    await assertDeploymentsAvailable(ns, { mysql: 1, wordpress: 1 });
    for (const claim of ['mysql-data', 'wordpress-data']) assert.equal((await status('v1', 'PersistentVolumeClaim', ns, claim)).phase, 'Bound', claim);
    const secret = (await kube.get('v1', 'Secret', ns, 'mysql-pass')) as unknown as { data: Record<string, string> };
    assert.equal(Buffer.from(secret.data.password!, 'base64').toString(), 'test-only-password');
  });

  test('cassandra: three pods ready, one bound claim each from its StorageClass', async () => {
    const ns = uniqueNamespace('ex-cassandra');
    // The class is cluster-scoped: a name of this run, and the test cluster's provisioner.
    const ssd = { name: `fast-${ns.slice(-6)}`, provisioner: 'lading.dev/simulated' };
    onCleanup(() => kube.remove('storage.k8s.io/v1', 'StorageClass', undefined, ssd.name));
    await applyAndWait(
      'cassandra',
      ns,
      objectsOf((app) => cassandra(app, ns, ssd)),
    );
    const s = await status('apps/v1', 'StatefulSet', ns, 'cassandra');
    assert.equal(s.readyReplicas, 3, JSON.stringify(s));
    for (let i = 0; i < 3; i++) {
      const claim = (await kube.get('v1', 'PersistentVolumeClaim', ns, `cassandra-data-cassandra-${i}`)) as unknown as {
        spec: { storageClassName: string };
        status: { phase: string };
      };
      assert.deepEqual([claim.spec.storageClassName, claim.status.phase], [ssd.name, 'Bound'], `claim of cassandra-${i}`);
    }
  });

  test('orders: the production service is accepted whole and its API is available', async () => {
    const ns = uniqueNamespace('ex-orders');
    await applyAndWait(
      'orders',
      ns,
      objectsOf((app) => orders(app, ns)),
      { ORDERS_DB_PASSWORD: 'test-only-password' },
    );
    await eventually(
      async () => (await status('apps/v1', 'Deployment', ns, 'orders-api')).availableReplicas === 3,
      'the autoscaler raises orders-api to its 3 minimum replicas, all available',
    );
    for (const [apiVersion, kind, name] of [
      ['autoscaling/v2', 'HorizontalPodAutoscaler', 'orders-api'],
      ['networking.k8s.io/v1', 'Ingress', 'orders-api'],
      ['policy/v1', 'PodDisruptionBudget', 'orders-api'],
      ['batch/v1', 'CronJob', 'backup'],
      ['networking.k8s.io/v1', 'NetworkPolicy', 'orders-api-ingress'],
      ['rbac.authorization.k8s.io/v1', 'Role', 'orders-api'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'orders-api'],
      ['v1', 'ConfigMap', 'settings'],
      ['v1', 'Secret', 'db'],
    ] as const)
      assert.ok(await kube.get(apiVersion, kind, ns, name), `${kind}/${name}`);
    await eventually(async () => (await status('policy/v1', 'PodDisruptionBudget', ns, 'orders-api')).currentHealthy === 3, 'the budget counts 3 healthy pods');
  });
});
