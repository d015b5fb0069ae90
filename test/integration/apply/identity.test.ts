import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APPLYSET, applySetRef, LEGACY_MANAGER, parentObject, withMembership } from '../../../lib/core/applyset.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { applyInProcess, configMap, deployment, env, kube, lading, namespace, onCleanup, uniqueNamespace, writeManifests } from './helpers.js';

// The broken promises of issue #10, each reproduced against the real control plane.

function secret(ns: string, name: string, stringData: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, type: 'Opaque', stringData };
}

async function diffJson(app: string, objects: readonly KubeObject[], ...extra: string[]) {
  const res = await lading(['diff', '-f', writeManifests(objects), '--name', app, '-o', 'json', ...extra], { env });
  const report = res.stdout
    ? (JSON.parse(res.stdout) as {
        applications: { objects: { id: string; category: string; diff: string | null; conflicts: unknown[] }[]; warnings: string[] }[];
      })
    : undefined;
  return { ...res, report, categories: Object.fromEntries(report?.applications.flatMap((a) => a.objects.map((o) => [o.id, o.category])) ?? []) };
}

const decoded = (o: KubeObject | undefined, key: string) => Buffer.from(String((o?.data as Record<string, string>)[key]), 'base64').toString();

describe('exact diff and safe apply (issue #10)', () => {
  test('a changed stringData value is a change: diff shows it masked, apply sends it', async () => {
    const ns = uniqueNamespace('stringdata');
    assert.equal((await applyInProcess('sd', [namespace(ns), secret(ns, 'db', { password: 'first-value' })])).code, 0);
    const diff = await diffJson('sd', [namespace(ns), secret(ns, 'db', { password: 'second-value' })]);
    assert.equal(diff.code, 1, diff.stderr);
    assert.equal(diff.categories['secret/db'], 'change');
    const text = diff.report!.applications[0]!.objects.find((o) => o.id === 'secret/db')!.diff!;
    assert.match(text, /masked, before/);
    assert.match(text, /masked, after/);
    assert.doesNotMatch(diff.stdout, /first-value|second-value|Zmlyc3Qtdm|c2Vjb25kLXZhbHVl/);
    const res = await applyInProcess('sd', [namespace(ns), secret(ns, 'db', { password: 'second-value' })]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(decoded(await kube.get('v1', 'Secret', ns, 'db'), 'password'), 'second-value');
    // The same value again: nothing to do.
    assert.equal((await diffJson('sd', [namespace(ns), secret(ns, 'db', { password: 'second-value' })])).code, 0);
  });

  test('a cluster-scoped object with metadata.namespace is never pruned while it is desired', async () => {
    const ns = uniqueNamespace('scoped');
    const role = `lading-test-${ns}`;
    onCleanup(() => kube.remove('rbac.authorization.k8s.io/v1', 'ClusterRole', undefined, role));
    const objects: KubeObject[] = [
      namespace(ns),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: role, namespace: ns },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
      },
      configMap(ns, 'settings', { a: '1' }),
    ];
    for (let run = 0; run < 3; run++) {
      const res = await applyInProcess('scoped', objects, { prune: true });
      assert.equal(res.code, 0, res.stderr);
      assert.ok(await kube.get('rbac.authorization.k8s.io/v1', 'ClusterRole', undefined, role), `run ${run + 1}: the ClusterRole exists`);
      assert.ok(!res.writes.some((w) => w.method === 'DELETE'), `run ${run + 1}: nothing deleted`);
      if (run > 0) assert.equal(res.writes.length, 0, `run ${run + 1}: nothing written`);
    }
    const diff = await diffJson('scoped', objects);
    assert.equal(diff.code, 0, diff.stdout);
    assert.equal(diff.categories[`clusterrole.rbac.authorization.k8s.io/${role}`], 'unchanged');
  });

  test('app "shop-dev" and app "shop" in env dev have separate inventories and never prune each other', async () => {
    const ns = uniqueNamespace('twoapps');
    await kube.apply(namespace(ns), 'test-setup');
    assert.notEqual(applySetRef('shop-dev', ns).id, applySetRef('shop', ns, 'dev').id);
    assert.equal((await applyInProcess('shop-dev', [configMap(ns, 'a', { x: '1' })], { prune: true })).code, 0);
    assert.equal((await applyInProcess('shop', [configMap(ns, 'b', { x: '1' })], { prune: true, env: 'dev' })).code, 0);
    // Each applies again with --prune: the other's object stays.
    assert.equal((await applyInProcess('shop-dev', [configMap(ns, 'a', { x: '2' })], { prune: true })).code, 0);
    assert.equal((await applyInProcess('shop', [configMap(ns, 'b', { x: '2' })], { prune: true, env: 'dev' })).code, 0);
    assert.ok(await kube.get('v1', 'ConfigMap', ns, 'a'));
    assert.ok(await kube.get('v1', 'ConfigMap', ns, 'b'));
  });

  test("an object of another application's set is refused, named, and taken over only with --adopt", async () => {
    const ns = uniqueNamespace('takeover');
    const shared = `${ns}-shared`;
    onCleanup(() => kube.remove('v1', 'Namespace', undefined, shared));
    assert.equal((await applyInProcess('owner', [namespace(ns), namespace(shared)])).code, 0);
    const refused = await applyInProcess('intruder', [namespace(ns), configMap(ns, 'x', { a: '1' }), namespace(shared)], { prune: true });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /namespace\/.*belongs to another application's ApplySet \(configmap\/lading-owner -n .*--adopt/);
    assert.equal(refused.writes.length, 0);
    const adopted = await applyInProcess('intruder', [namespace(ns), configMap(ns, 'x', { a: '1' }), namespace(shared)], { prune: true, adopt: true });
    assert.equal(adopted.code, 0, adopted.stderr);
    assert.equal((await kube.get('v1', 'Namespace', undefined, shared))?.metadata?.labels?.[APPLYSET.partOfLabel], applySetRef('intruder', ns).id);
    // The former owner, applying without it, does not delete what is no longer its own.
    await assert.rejects(applyInProcess('owner', [], { prune: true }), /nothing to apply: no objects in the input of owner/);
    const ownerAgain = await applyInProcess('owner', [namespace(`${ns}-other`)], { prune: true });
    onCleanup(() => kube.remove('v1', 'Namespace', undefined, `${ns}-other`));
    assert.equal(ownerAgain.code, 0, ownerAgain.stderr);
    assert.ok(await kube.get('v1', 'Namespace', undefined, shared), 'the adopted namespace is not pruned by its former owner');
  });

  test('prune never deletes an object that carries the label but was not applied by the application', async () => {
    const ns = uniqueNamespace('copied');
    const set = applySetRef('labelled', ns);
    assert.equal((await applyInProcess('labelled', [namespace(ns), configMap(ns, 'mine', { a: '1' })], { prune: true })).code, 0);
    // Someone copies the label onto an object of their own.
    await kube.apply(withMembership(configMap(ns, 'theirs', { a: '1' }), set), 'someone-else');
    const diff = await diffJson('labelled', [namespace(ns), configMap(ns, 'mine', { a: '1' })]);
    assert.equal(diff.categories['configmap/theirs'], undefined);
    assert.match(diff.report!.applications[0]!.warnings.join('\n'), /configmap\/theirs .*was not applied by it/);
    const res = await applyInProcess('labelled', [namespace(ns), configMap(ns, 'mine', { a: '1' })], { prune: true });
    assert.equal(res.code, 0, res.stderr);
    assert.ok(await kube.get('v1', 'ConfigMap', ns, 'theirs'));
  });

  test('diff plans like apply for a workload whose replicas another manager scales', async () => {
    const ns = uniqueNamespace('scaledplan');
    assert.equal((await applyInProcess('scaledplan', [namespace(ns), deployment(ns, 'web')])).code, 0);
    await kube.client.call({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: 3 } },
      query: { fieldManager: 'kubectl-scale' },
    });
    const diff = await diffJson('scaledplan', [namespace(ns), deployment(ns, 'web')]);
    assert.equal(diff.code, 0, diff.stdout);
    assert.ok(diff.report!.applications[0]!.objects.every((o) => o.conflicts.length === 0));
    const res = await applyInProcess('scaledplan', [namespace(ns), deployment(ns, 'web')]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.writes.length, 0);
  });

  test("objects lading 0.1 applied under its shared field manager pass to the application's own", async () => {
    const ns = uniqueNamespace('legacy');
    const set = applySetRef('legacy', ns);
    await kube.apply(namespace(ns), 'test-setup');
    await kube.apply(parentObject(set, ['ConfigMap'], [ns]), LEGACY_MANAGER);
    await kube.apply(withMembership(configMap(ns, 'old', { a: '1', b: '2' }), set), LEGACY_MANAGER);
    await kube.apply(withMembership(configMap(ns, 'gone', { a: '1' }), set), LEGACY_MANAGER);
    // Field b is no longer desired, "gone" is no longer desired: both go, as they would have in 0.1.
    const res = await applyInProcess('legacy', [configMap(ns, 'old', { a: '1' })], { prune: true });
    assert.equal(res.code, 0, res.stderr);
    const old = await kube.get('v1', 'ConfigMap', ns, 'old');
    assert.deepEqual(old?.data, { a: '1' });
    const managers = (old?.metadata?.managedFields as { manager: string }[]).map((m) => m.manager);
    assert.ok(managers.includes(set.manager) && !managers.includes(LEGACY_MANAGER), managers.join(', '));
    assert.equal(await kube.get('v1', 'ConfigMap', ns, 'gone'), undefined);
    assert.equal((await applyInProcess('legacy', [configMap(ns, 'old', { a: '1' })], { prune: true })).writes.length, 0);
  });
});
