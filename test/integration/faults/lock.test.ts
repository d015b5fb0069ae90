import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APPLYSET, applySetRef } from '../../../lib/core/applyset.js';
import { microTime } from '../../../lib/core/lease-lock.js';
import { HISTORY } from '../../../lib/core/names.js';
import { listObjects } from '../../../lib/cluster/objects.js';
import { lockApplySets } from '../../../lib/cluster/lock.js';
import { startFaultProxy } from '../../support/fault-proxy.js';
import { testClient } from '../../support/kube.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { apply, configMap, deployment, env, kube, kubeconfig, lading, namespace, uniqueNamespace, writeManifests } from '../apply/helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const COUNT = 150;

function version(ns: string, v: string): KubeObject[] {
  return [namespace(ns), ...Array.from({ length: COUNT }, (_, i) => configMap(ns, `cm-${String(i).padStart(3, '0')}`, { version: v }))];
}

async function list(ns: string, kind: 'ConfigMap' | 'Secret', selector: string): Promise<KubeObject[]> {
  const info = (await kube.discovery.lookup('v1', kind))!;
  return listObjects(kube.client, info, ns, selector);
}

function lease(ns: string, app: string, holder: string, renewedAgoMs: number, durationSeconds: number): KubeObject {
  const at = microTime(Date.now() - renewedAgoMs);
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: applySetRef(app, ns).name, namespace: ns },
    spec: { holderIdentity: holder, leaseDurationSeconds: durationSeconds, acquireTime: at, renewTime: at },
  };
}

describe('one apply of an application at a time', () => {
  test('two applies of one application at once: the second waits for the first; writes, prunes and revisions do not interleave', async () => {
    const ns = uniqueNamespace('lock');
    const app = 'twice';
    const set = applySetRef(app, ns);
    assert.equal((await apply(app, version(ns, 'v1'))).code, 0);
    // The first run holds the lock through a --wait on a Deployment that never gets ready.
    const first = lading(
      [
        'apply',
        '-f',
        writeManifests([...version(ns, 'v2'), deployment(ns, 'web', 'registry.example/bad-image:1')]),
        '--name',
        app,
        '--prune',
        '--wait',
        '--timeout',
        '8s',
      ],
      { env },
    );
    for (let i = 0; i < 400 && !(await kube.get('coordination.k8s.io/v1', 'Lease', ns, set.name)); i++) await sleep(50);
    const second = await lading(['apply', '-f', writeManifests(version(ns, 'v3')), '--name', app, '--prune'], { env });
    const a = await first;
    assert.equal(a.code, 1, a.stderr);
    assert.match(a.stderr, /not ready after 8s/);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, new RegExp(`waiting for the lock of ${ns}/lading-twice, held by .*@.*\\(pid \\d+`));
    // The second ran after the first: its version throughout, the first's Deployment pruned.
    const members = await list(ns, 'ConfigMap', `${APPLYSET.partOfLabel}=${set.id}`);
    assert.equal(members.length, COUNT);
    assert.deepEqual([...new Set(members.map((o) => (o.data as Record<string, string>).version))], ['v3']);
    assert.equal(await kube.get('apps/v1', 'Deployment', ns, 'web'), undefined);
    const revisions = (await list(ns, 'Secret', HISTORY.setLabel)).map((o) => o.metadata?.labels?.[HISTORY.revisionLabel]).sort();
    assert.deepEqual(revisions, ['1', '2', '3'], 'three distinct revisions');
    assert.equal(await kube.get('coordination.k8s.io/v1', 'Lease', ns, set.name), undefined, 'released');
  });

  test('a lock held by a live holder: apply waits --lock-timeout, then exits 2 naming the holder, nothing written', async () => {
    const ns = uniqueNamespace('locked');
    const app = 'held';
    assert.equal((await apply(app, [namespace(ns), configMap(ns, 'c', { v: '1' })])).code, 0);
    await kube.apply(lease(ns, app, 'release-bot@ci-runner-9 (pid 77)', 0, 300), 'test-setup');
    const start = Date.now();
    const res = await lading(['apply', '-f', writeManifests([namespace(ns), configMap(ns, 'c', { v: '2' })]), '--name', app, '--lock-timeout', '2s'], { env });
    assert.equal(res.code, 2, res.stderr);
    assert.match(
      res.stderr,
      new RegExp(`error: ${ns}/lading-held is locked by release-bot@ci-runner-9 \\(pid 77\\) since .*waited [23]s \\(--lock-timeout\\)`),
    );
    assert.ok(Date.now() - start < 20_000);
    assert.equal(((await kube.get('v1', 'ConfigMap', ns, 'c'))?.data as Record<string, string>).v, '1', 'nothing written');
  });

  test('a crashed holder (no renewal for longer than the lease duration): its lease has expired, apply takes it over', async () => {
    const ns = uniqueNamespace('crashed');
    const app = 'orphaned';
    assert.equal((await apply(app, [namespace(ns), configMap(ns, 'c', { v: '1' })])).code, 0);
    await kube.apply(lease(ns, app, 'crashed@gone (pid 1)', 120_000, 30), 'test-setup');
    const res = await lading(['apply', '-f', writeManifests([namespace(ns), configMap(ns, 'c', { v: '2' })]), '--name', app, '--lock-timeout', '0'], { env });
    assert.equal(res.code, 0, res.stderr);
    assert.doesNotMatch(res.stderr, /waiting for the lock/);
    assert.equal(((await kube.get('v1', 'ConfigMap', ns, 'c'))?.data as Record<string, string>).v, '2');
  });
});

describe('renewing a held lock through faults', () => {
  test('a renewal whose answer is lost (reset after the server renewed it) and then retried is no takeover; renewals never overlap', async () => {
    const ns = uniqueNamespace('lock-renew');
    await kube.apply(namespace(ns));
    const proxy = await startFaultProxy(kubeconfig, 'http');
    try {
      const client = testClient(proxy.kubeconfig).client;
      const set = applySetRef('renewed', ns);
      const locks = await lockApplySets(client, [set], { timeoutMs: 5_000, renewMs: 150 });
      // The second renewal reaches the server, which renews the lease; its answer never arrives.
      proxy.addRule({ method: 'PUT', path: /\/leases\//, nth: 2, fault: { reset: 'after' } });
      await sleep(2_000);
      assert.ok(
        proxy.log.some((e) => e.method === 'PUT' && e.fault === 'reset:after'),
        'the fault was injected',
      );
      assert.equal(locks.lost(), undefined);
      const puts = proxy.log.filter((e) => e.method === 'PUT');
      assert.ok(puts.length >= 4, `renewals went on (${puts.length})`);
      const lease = await kube.client.request<KubeObject>({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases/${set.name}` });
      assert.equal(lease.status, 200);
      await locks.release();
    } finally {
      await proxy.close();
    }
  });
});
