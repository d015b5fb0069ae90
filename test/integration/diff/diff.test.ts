import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applySetRef, parentObject, withMembership } from '../../../lib/core/applyset.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { useCluster } from '../../support/cluster.js';
import { lading, run, writeManifests } from '../../support/cli.js';
import { testClient } from '../../support/kube.js';

const cluster = await useCluster();
const kube = testClient(cluster.kubeconfig);
const env = { KUBECONFIG: cluster.kubeconfig };
const namespaces: string[] = [];

after(async () => {
  for (const ns of namespaces) await kube.remove('v1', 'Namespace', undefined, ns).catch(() => undefined);
  await cluster.stop();
});

async function freshNamespace(prefix: string): Promise<string> {
  const ns = await kube.namespace(prefix);
  namespaces.push(ns);
  return ns;
}

function configMap(ns: string, name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data };
}

/** What a previous `lading apply` of `objects` as application `app` left in the cluster. */
async function appliedByLading(app: string, ns: string, objects: KubeObject[]): Promise<void> {
  const set = applySetRef(app, ns);
  await kube.apply(
    parentObject(
      set,
      objects.map((o) => (o.apiVersion.includes('/') ? `${o.kind}.${o.apiVersion.split('/')[0]}` : o.kind)),
      [ns],
    ),
  );
  for (const o of objects) await kube.apply(withMembership(o, set), set.manager);
}

async function diffJson(file: string, app: string, ...extra: string[]) {
  const res = await lading(['diff', '-f', file, '--name', app, '-o', 'json', ...extra], { env });
  return { ...res, report: res.stdout ? JSON.parse(res.stdout) : undefined };
}

function categories(report: { applications: { objects: { category: string; id: string }[] }[] }): Record<string, string> {
  return Object.fromEntries(report.applications[0]!.objects.map((o) => [o.id, o.category]));
}

describe('lading diff against the real control plane', () => {
  let ns: string;
  before(async () => {
    ns = await freshNamespace('diff');
  });

  test('create: an object that does not exist; exit code 1', async () => {
    const { code, report } = await diffJson(writeManifests([configMap(ns, 'fresh', { a: '1' })]), 'create-app');
    assert.equal(code, 1);
    assert.deepEqual(categories(report), { 'configmap/fresh': 'create' });
    assert.equal(report.hasChanges, true);
  });

  test('unchanged: what lading applied before; exit code 0 and nothing to show', async () => {
    const cm = configMap(ns, 'same', { a: '1' });
    await appliedByLading('same-app', ns, [cm]);
    const { code, report, stderr } = await diffJson(writeManifests([cm]), 'same-app');
    assert.equal(code, 0, stderr);
    assert.deepEqual(categories(report), { 'configmap/same': 'unchanged' });
    const text = await lading(['diff', '-f', writeManifests([cm]), '--name', 'same-app'], { env });
    assert.match(text.stdout, /^same-app: 0 to create, 0 to change, 0 to replace, 0 to prune, 1 unchanged/);
  });

  test('change: a changed value shows as a unified diff of our fields only', async () => {
    await appliedByLading('change-app', ns, [configMap(ns, 'changing', { a: '1', b: 'keep' })]);
    const file = writeManifests([configMap(ns, 'changing', { a: '2', b: 'keep' })]);
    const { code, report } = await diffJson(file, 'change-app');
    assert.equal(code, 1);
    const obj = report.applications[0].objects[0];
    assert.equal(obj.category, 'change');
    assert.match(obj.diff, /^-  a: "1"$/m);
    assert.match(obj.diff, /^\+  a: "2"$/m);
    assert.doesNotMatch(obj.diff, /resourceVersion|managedFields|uid:|creationTimestamp/);
  });

  test("prune: a member of the application's ApplySet that is no longer desired", async () => {
    await appliedByLading('prune-app', ns, [configMap(ns, 'kept', { a: '1' }), configMap(ns, 'dropped', { a: '1' })]);
    // An object with the same labels by hand but in no set, and one of another set, are never candidates.
    await kube.apply(configMap(ns, 'by-hand', { a: '1' }), 'kubectl');
    await kube.apply(withMembership(configMap(ns, 'other-set', { a: '1' }), applySetRef('other', ns)));
    const { code, report } = await diffJson(writeManifests([configMap(ns, 'kept', { a: '1' })]), 'prune-app');
    assert.equal(code, 1);
    assert.deepEqual(categories(report), { 'configmap/kept': 'unchanged', 'configmap/dropped': 'prune' });
  });

  test('replace: an immutable field change (Deployment selector) is recognised from the dry-run', async () => {
    const deployment = (tier: string): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'immutable', namespace: ns },
      spec: {
        selector: { matchLabels: { app: 'immutable', tier } },
        template: { metadata: { labels: { app: 'immutable', tier } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    });
    await appliedByLading('replace-app', ns, [deployment('a')]);
    const { code, report } = await diffJson(writeManifests([deployment('b')]), 'replace-app');
    assert.equal(code, 1);
    const obj = report.applications[0].objects[0];
    assert.equal(obj.category, 'replace');
    assert.match(obj.reason, /immutable/);
  });

  test('drift: a label added by kubectl is listed with its manager, apart from our changes', async () => {
    const cm = configMap(ns, 'drifting', { a: '1' });
    await appliedByLading('drift-app', ns, [cm]);
    const labelled = await run(cluster.kubectlPath, ['--kubeconfig', cluster.kubeconfig, '-n', ns, 'label', 'configmap', 'drifting', 'edited=by-hand']);
    assert.equal(labelled.code, 0, labelled.stderr);
    const { code, report } = await diffJson(writeManifests([cm]), 'drift-app');
    assert.equal(code, 0, 'drift alone changes nothing on apply');
    const obj = report.applications[0].objects[0];
    assert.equal(obj.category, 'unchanged');
    assert.deepEqual(
      obj.drift.map((d: { path: string; manager: string }) => [d.path, d.manager]),
      [['metadata.labels.edited', 'kubectl-label']],
    );
    const text = await lading(['diff', '-f', writeManifests([cm]), '--name', 'drift-app'], { env });
    assert.match(text.stdout, /configmap\/drifting: metadata\.labels\.edited set by kubectl-label/);
  });

  test('secrets: a rotated value shows as changed, and no value appears in any output', async () => {
    const secret = (password: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: ns },
      type: 'Opaque',
      data: { password: Buffer.from(password).toString('base64'), user: Buffer.from('app-user').toString('base64') },
    });
    await appliedByLading('secret-app', ns, [secret('old-s3cret-value')]);
    const file = writeManifests([secret('new-s3cret-value')]);
    const outputs = await Promise.all(['text', 'json', 'markdown'].map((o) => lading(['diff', '-f', file, '--name', 'secret-app', '-o', o], { env })));
    for (const out of outputs) {
      assert.equal(out.code, 1, out.stderr);
      const all = out.stdout + out.stderr;
      for (const value of ['old-s3cret-value', 'new-s3cret-value', 'app-user']) {
        assert.ok(!all.includes(value), `plain ${value} leaked`);
        assert.ok(!all.includes(Buffer.from(value).toString('base64')), `base64 of ${value} leaked`);
      }
    }
    const diff = JSON.parse(outputs[1]!.stdout).applications[0].objects[0].diff as string;
    assert.match(diff, /^-  password: "\*\*\* \(masked, before\)"$/m);
    assert.match(diff, /^\+  password: "\*\*\* \(masked, after\)"$/m);
    assert.doesNotMatch(diff, /^[-+]  user:/m, 'an unchanged key is not shown as changed');
  });

  test('a CRD and its custom resource in one input: both planned as create, no error', async () => {
    const group = `${ns}.example.com`;
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets', singular: 'widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
          },
        ],
      },
    };
    const widget: KubeObject = { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w', namespace: ns }, spec: { size: 3 } };
    const { code, report, stderr } = await diffJson(writeManifests([crd, widget]), 'crd-app');
    assert.equal(code, 1, stderr);
    assert.deepEqual(categories(report), { [`customresourcedefinition.apiextensions.k8s.io/widgets.${group}`]: 'create', [`widget.${group}/w`]: 'create' });
  });

  test('an unknown kind is an error naming the file; exit code 2', async () => {
    const file = writeManifests([{ apiVersion: 'nowhere.example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace: ns } }]);
    const { code, stdout } = await lading(['diff', '-f', file, '--name', 'unknown-app'], { env });
    assert.equal(code, 2);
    assert.match(
      stdout,
      new RegExp(`error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: gadget\\.nowhere\\.example\\.com/g: the server does not serve kind Gadget`),
    );
  });

  test('invalid input: nothing is sent, exit code 2, the field is named', async () => {
    const file = writeManifests([configMap(ns, 'Bad_Name', { a: '1' })]);
    const { code, stderr } = await lading(['diff', '-f', file, '--name', 'invalid-app'], { env });
    assert.equal(code, 2);
    assert.match(stderr, /metadata\.name: invalid name "Bad_Name"/);
    assert.match(stderr, /nothing was sent to the cluster/);
  });

  test('a user who may only read gets a clear error (exit code 2), not a stack trace', async () => {
    const { code, stdout, stderr } = await lading(
      ['diff', '-f', writeManifests([configMap(ns, 'forbidden', { a: '1' })]), '--name', 'ro-app', '--context', cluster.restrictedContext],
      { env },
    );
    assert.equal(code, 2);
    assert.match(stdout + stderr, /forbidden/i);
    assert.doesNotMatch(stdout + stderr, /at .*\.ts:\d+/);
  });

  test('markdown: a summary table and a collapsible diff per changed object', async () => {
    const { code, stdout } = await lading(['diff', '-f', writeManifests([configMap(ns, 'md', { a: '1' })]), '--name', 'md-app', '-o', 'markdown'], { env });
    assert.equal(code, 1);
    assert.match(stdout, /^## lading diff/);
    assert.match(stdout, /\| objects \| 1 \| 0 \| 0 \| 0 \| 0 \| 0 \|/);
    assert.match(stdout, /<details>\n<summary>🆕 <b>create<\/b> <code>configmap\/md<\/code>/);
  });
});
