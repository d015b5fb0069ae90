import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APPLYSET, applySetRef, readParent } from '../../../lib/core/applyset.js';
import { apply, applyInProcess, configMap, deployment, env, kube, lading, namespace, service, uniqueNamespace } from './helpers.js';

describe('lading apply: create, no-op, change, prune', () => {
  const ns = uniqueNamespace('apply');
  const app = 'shop';
  const base = [namespace(ns), configMap(ns, 'settings', { color: 'blue' }), service(ns, 'web'), deployment(ns, 'web')];

  test('first apply creates every object in waves, writes the ApplySet parent, records revision 1', async () => {
    const res = await apply(app, base, '--wait', '--timeout', '120s');
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /4 to create/);
    assert.match(res.stdout, /4 created, 0 changed/);
    assert.match(res.stdout, /revision 1 recorded/);
    // Namespaces before config before services before workloads.
    const order = ['namespace/', 'configmap/settings', 'service/web', 'deployment.apps/web'].map((id) => res.stdout.indexOf(`+ ${id}`));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      res.stdout,
    );
    const set = applySetRef(app, ns);
    const parent = await kube.get('v1', 'ConfigMap', ns, set.name);
    assert.equal(parent?.metadata?.labels?.[APPLYSET.idLabel], set.id);
    assert.deepEqual(readParent(parent).groupKinds, ['ConfigMap', 'Deployment.apps', 'Namespace', 'Service']);
    const dep = await kube.get('apps/v1', 'Deployment', ns, 'web');
    assert.equal(dep?.metadata?.labels?.[APPLYSET.partOfLabel], set.id);
  });

  test('re-applying the unchanged app writes nothing: zero PATCH/POST/PUT/DELETE, no resourceVersion changes', async () => {
    const names = [
      ['v1', 'ConfigMap', 'settings'],
      ['v1', 'Service', 'web'],
      ['apps/v1', 'Deployment', 'web'],
      ['v1', 'ConfigMap', applySetRef(app, ns).name],
    ] as const;
    const before = await Promise.all(names.map(([v, k, n]) => kube.get(v, k, ns, n)));
    const res = await applyInProcess(app, base, { prune: true, wait: true, timeout: '30s' });
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(
      res.writes.map((w) => `${w.method} ${w.path}`),
      [],
    );
    assert.match(res.stdout, /nothing to apply: the cluster matches/);
    const after = await Promise.all(names.map(([v, k, n]) => kube.get(v, k, ns, n)));
    assert.deepEqual(
      after.map((o) => o?.metadata?.resourceVersion),
      before.map((o) => o?.metadata?.resourceVersion),
    );
  });

  test('a change writes only the changed object', async () => {
    const changed = [namespace(ns), configMap(ns, 'settings', { color: 'green' }), service(ns, 'web'), deployment(ns, 'web')];
    const res = await applyInProcess(app, changed, {});
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(
      res.writes.map((w) => `${w.method} ${w.path}`),
      [`PATCH /api/v1/namespaces/${ns}/configmaps/settings`, `PATCH /api/v1/namespaces/${ns}/secrets/lading-history-${app}-2`],
    );
    const cm = await kube.get('v1', 'ConfigMap', ns, 'settings');
    assert.equal((cm?.data as Record<string, string>).color, 'green');
  });

  test('prune deletes members no longer desired, never a foreign object with our labels or one made by hand', async () => {
    const set = applySetRef(app, ns);
    // Same part-of label key, another set's id; and one made by hand with no label at all.
    await kube.apply(
      {
        ...configMap(ns, 'foreign', { a: '1' }),
        metadata: { name: 'foreign', namespace: ns, labels: { [APPLYSET.partOfLabel]: applySetRef('other', ns).id } },
      },
      'kubectl',
    );
    await kube.apply(configMap(ns, 'by-hand', { a: '1' }), 'kubectl-edit');
    const without = [namespace(ns), service(ns, 'web'), deployment(ns, 'web')];
    // Without --prune: nothing deleted, a note says what --prune would do.
    const dry = await apply(app, without);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /1 object is no longer desired; apply --prune deletes it/);
    assert.ok(await kube.get('v1', 'ConfigMap', ns, 'settings'));

    const res = await apply(app, without, '--prune');
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /- configmap\/settings -n \S+ {2}pruned/);
    assert.equal(await kube.get('v1', 'ConfigMap', ns, 'settings'), undefined);
    assert.ok(await kube.get('v1', 'ConfigMap', ns, 'foreign'), "another set's member is kept");
    assert.ok(await kube.get('v1', 'ConfigMap', ns, 'by-hand'), 'an object created by hand is kept');
    // The parent now lists only what is left.
    const parent = await kube.get('v1', 'ConfigMap', ns, set.name);
    assert.deepEqual(readParent(parent).groupKinds, ['Deployment.apps', 'Namespace', 'Service']);
  });

  test('history lists the revisions; rollback re-applies the previous one through the same path', async () => {
    const list = await lading(['history', '--name', app, '-n', ns], { env });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /REVISION/);
    assert.equal(list.stdout.trim().split('\n').length, 1 + 3, list.stdout);

    // Revision 3 pruned the ConfigMap; going back to revision 2 brings it back (green).
    const res = await lading(['rollback', '--name', app, '-n', ns, '--wait', '--timeout', '120s'], { env });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /rolling back shop to revision 2/);
    assert.match(res.stdout, /revision 4 recorded/);
    const cm = await kube.get('v1', 'ConfigMap', ns, 'settings');
    assert.equal((cm?.data as Record<string, string>).color, 'green');
    const json = JSON.parse((await lading(['history', '--name', app, '-n', ns, '-o', 'json'], { env })).stdout);
    assert.deepEqual(
      json.revisions.map((r: { revision: number; rollbackOf?: number }) => [r.revision, r.rollbackOf]),
      [
        [1, undefined],
        [2, undefined],
        [3, undefined],
        [4, 2],
      ],
    );

    const to1 = await lading(['rollback', '--name', app, '-n', ns, '--to', '1', '--prune'], { env });
    assert.equal(to1.code, 0, to1.stderr);
    assert.equal(((await kube.get('v1', 'ConfigMap', ns, 'settings'))?.data as Record<string, string>).color, 'blue');
  });

  test('--dry-run shows the plan and writes nothing', async () => {
    const res = await applyInProcess(app, [namespace(ns), configMap(ns, 'dry', { a: '1' })], { dryRun: true });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /dry run: nothing was changed/);
    assert.deepEqual(res.writes, []);
    assert.equal(await kube.get('v1', 'ConfigMap', ns, 'dry'), undefined);
  });

  test('invalid input: nothing is sent to the cluster, exit 2', async () => {
    const bad = configMap(ns, 'Bad_Name', { a: '1' });
    const res = await apply(app, [bad]);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /nothing was sent to the cluster/);
  });
});
