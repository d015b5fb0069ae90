import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { applySetRef, withMembership } from '../../../lib/core/applyset.js';
import { historyRecord } from '../../../lib/apply/history.js';
import { HISTORY } from '../../../lib/core/names.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { apply, configMap, env, kube, lading, namespace, uniqueNamespace, writeManifests } from './helpers.js';

// Rollback never loses data and never trusts its record further than its writer could reach.
const ns = uniqueNamespace('rollsafe');
const app = 'vault';
const set = applySetRef(app, ns);
const value = `pw-${randomBytes(8).toString('hex')}`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: ns }, type: 'Opaque', data: { pw: b64(value) } };
const outputs: string[] = [];

async function rollback(...args: string[]) {
  const res = await lading(['rollback', '--name', app, '-n', ns, '--yes', ...args], { env: { ...env, LOOT: `loot-${value}` } });
  outputs.push(res.stdout, res.stderr);
  return res;
}

const secretValue = async () => {
  const s = await kube.get('v1', 'Secret', ns, 'db');
  return s?.data && Buffer.from((s.data as Record<string, string>).pw ?? '', 'base64').toString('utf8');
};
const color = async () => ((await kube.get('v1', 'ConfigMap', ns, 'settings'))?.data as Record<string, string> | undefined)?.color;
const versions = async () =>
  Promise.all(
    [kube.get('v1', 'Secret', ns, 'db'), kube.get('v1', 'ConfigMap', ns, 'settings'), kube.get('v1', 'Namespace', undefined, ns)].map(
      async (p) => (await p)?.metadata?.resourceVersion,
    ),
  );
const revisions = async () => JSON.parse((await lading(['history', '--name', app, '-n', ns, '-o', 'json'], { env })).stdout).revisions.length as number;

// A record as an attacker with the `edit` role in the namespace could write it.
async function forge(revision: number, objects: KubeObject[], edit: (r: KubeObject) => KubeObject = (r) => r): Promise<void> {
  const record = historyRecord(
    set,
    { name: app },
    { revision, appliedAt: new Date().toISOString(), summary: 'forged', status: 'applied' },
    objects.map((o) => withMembership(o, set)),
  );
  await kube.apply(edit(record), 'mallory');
}

test('a Secret with data (no sources) keeps it through a rollback of a ConfigMap change', async () => {
  let res = await apply(app, [namespace(ns), secret, configMap(ns, 'settings', { color: 'blue' })], '-n', ns);
  assert.equal(res.code, 0, res.stderr);
  res = await apply(app, [namespace(ns), secret, configMap(ns, 'settings', { color: 'green' })], '-n', ns);
  assert.equal(res.code, 0, res.stderr);
  outputs.push(res.stdout, res.stderr);

  const back = await rollback();
  assert.equal(back.code, 0, back.stderr);
  assert.match(back.stdout, /Secrets keep their live values/);
  assert.equal(await color(), 'blue', 'the ConfigMap is rolled back');
  assert.equal(await secretValue(), value, 'the Secret keeps its data');
  // Forward again (rollback to the green revision): still the same value.
  const forward = await rollback('--to', '2');
  assert.equal(forward.code, 0, forward.stderr);
  assert.equal(await color(), 'green');
  assert.equal(await secretValue(), value);
});

test('empty, cut, foreign-format and foreign-set records are refused (exit 2), nothing written', async () => {
  const before = await versions();
  const count = await revisions();
  const objects = [namespace(ns), { ...secret, data: undefined }, configMap(ns, 'settings', { color: 'red' })];
  const cases: [number, KubeObject[], (r: KubeObject) => KubeObject, RegExp][] = [
    [21, [], (r) => r, /holds no objects/],
    [22, objects, (r) => ({ ...r, type: 'Opaque' }), /not a lading history record of this format/],
    [
      23,
      objects,
      (r) => ({ ...r, data: { [HISTORY.manifestsKey]: gzipSync('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n').toString('base64') } }),
      /do not match their lading\.dev\/manifests-sha256/,
    ],
    [24, objects, (r) => ({ ...r, data: { [HISTORY.manifestsKey]: 'bm90IGd6aXA=' } }), /cannot be read/],
    [
      25,
      objects,
      (r) => ({ ...r, metadata: { ...r.metadata, labels: { ...r.metadata!.labels, [HISTORY.setLabel]: applySetRef('other', ns).id } } }),
      /written for another application or set/,
    ],
  ];
  for (const [revision, list, edit, problem] of cases) {
    await forge(revision, list, edit);
    const res = await rollback('--to', String(revision), '--prune');
    assert.equal(res.code, 2, `revision ${revision}: ${res.stdout}${res.stderr}`);
    assert.match(res.stderr, problem);
    assert.deepEqual(await versions(), before, `revision ${revision}: nothing written`);
    assert.equal(await secretValue(), value);
  }
  assert.equal(await revisions(), count + cases.length, 'no revision recorded by a refused rollback (only the forged ones are new)');
});

test('a record carrying a ClusterRoleBinding, a RoleBinding or secret-source annotations is not trusted', async () => {
  const crb: KubeObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: `pwn-${ns}` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: ns }],
  };
  const rb: KubeObject = { ...crb, kind: 'RoleBinding', metadata: { name: 'pwn', namespace: ns } };
  const loot: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'loot', namespace: ns, annotations: { 'lading.dev/secret-sources': '{"k":{"env":"LOOT"}}' } },
    type: 'Opaque',
  };
  const base = [namespace(ns), { ...secret, data: undefined }, configMap(ns, 'settings', { color: 'green' })];
  const before = await versions();

  await forge(31, [...base, crb]);
  let res = await rollback('--to', '31');
  assert.equal(res.code, 2, res.stdout + res.stderr);
  assert.match(res.stderr, /clusterrolebinding\.rbac\.authorization\.k8s\.io\/pwn-\S+, which is cluster-scoped.*--trust-history/);
  assert.equal(await kube.get('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', undefined, `pwn-${ns}`), undefined);

  await forge(32, [...base, rb]);
  res = await rollback('--to', '32');
  assert.equal(res.code, 2, res.stdout + res.stderr);
  assert.match(res.stderr, /rolebinding\.rbac\.authorization\.k8s\.io\/pwn -n \S+, which grants permissions/);
  assert.equal(await kube.get('rbac.authorization.k8s.io/v1', 'RoleBinding', ns, 'pwn'), undefined);

  await forge(33, [...base, loot]);
  res = await rollback('--to', '33');
  assert.equal(res.code, 2, res.stdout + res.stderr);
  assert.match(res.stderr, /secret\/loot: key "k": its source is named only by the lading\.dev\/secret-sources annotation/);
  assert.equal(await kube.get('v1', 'Secret', ns, 'loot'), undefined, "the runner's environment was not copied into a Secret");
  assert.deepEqual(await versions(), before, 'nothing written');

  // A forged value in a record would overwrite the live one: refused as tampered.
  await forge(34, [...base], (r) => r);
  const withValue = historyRecord(set, { name: app }, { revision: 35, appliedAt: new Date().toISOString(), summary: 'forged', status: 'applied' }, []);
  const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: ${ns}\n  labels:\n    applyset.kubernetes.io/part-of: ${set.id}\ndata:\n  pw: ${b64('attacker')}\n`;
  await kube.apply(
    {
      ...withValue,
      data: { [HISTORY.manifestsKey]: gzipSync(yaml).toString('base64') },
      metadata: {
        ...withValue.metadata,
        annotations: {
          ...withValue.metadata!.annotations,
          'lading.dev/objects': '1',
          'lading.dev/manifests-sha256': (await import('../../../lib/apply/history.js')).manifestsDigest(yaml),
        },
      },
    },
    'mallory',
  );
  res = await rollback('--to', '35');
  assert.equal(res.code, 2, res.stdout + res.stderr);
  assert.match(res.stderr, /holds secret values/);
  assert.equal(await secretValue(), value);
});

test('-f input: its secret-sources annotation is honoured only with --trust-secret-sources; live values are kept', async () => {
  const shape = (keys: Record<string, unknown>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: ns, annotations: { 'lading.dev/secret-sources': JSON.stringify(keys) } },
    type: 'Opaque',
  });
  const run = async (keys: Record<string, unknown>, ...args: string[]) => {
    const res = await lading(['apply', '-f', writeManifests([shape(keys)]), '--name', app, '-n', ns, '--yes', ...args], {
      env: { ...env, LOOT: `loot-${value}`, OTHER: 'other-value' },
    });
    outputs.push(res.stdout, res.stderr);
    return res;
  };
  // A declared key with a live value keeps it; the environment is not read.
  let res = await run({ pw: { env: 'OTHER' } });
  assert.equal(res.code, 0, res.stdout + res.stderr);
  assert.equal(await secretValue(), value);
  // A new key named only by the annotation is refused, nothing written.
  res = await run({ pw: { env: 'OTHER' }, k: { env: 'LOOT' } });
  assert.equal(res.code, 2, res.stdout + res.stderr);
  assert.match(res.stderr, /key "k": its source is named only by the lading\.dev\/secret-sources annotation.*--trust-secret-sources/);
  // Trusted: the sources are read (a rotation through dist/).
  res = await run({ pw: { env: 'OTHER' }, k: { env: 'LOOT' } }, '--trust-secret-sources');
  assert.equal(res.code, 0, res.stdout + res.stderr);
  assert.equal(await secretValue(), 'other-value');
  const s = await kube.get('v1', 'Secret', ns, 'db');
  assert.equal(Buffer.from((s!.data as Record<string, string>).k!, 'base64').toString('utf8'), `loot-${value}`);
});

test('no secret value or checksum salt, encoded or not, appears in any output of these runs', async () => {
  const salt = (await kube.get('v1', 'Secret', ns, 'db'))?.metadata?.annotations?.['lading.dev/checksum-salt'];
  assert.ok(salt, 'the Secret has a checksum salt');
  const everything = outputs.join('\n');
  assert.equal(outputs.length / 2, 15, 'every lading run of this file is searched');
  for (const v of [value, b64(value), `loot-${value}`, b64(`loot-${value}`), 'other-value', b64('other-value'), salt])
    assert.ok(!everything.includes(v), 'a secret value or salt was printed');
});
