import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APPLYSET, applySetRef, parentObject } from '../../../lib/core/applyset.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { apply, applyInProcess, configMap, deployment, kube, namespace, onCleanup, uniqueNamespace } from './helpers.js';

/** The same Deployment with another selector: an immutable field. */
function reselected(o: KubeObject): KubeObject {
  const labels = { 'app.kubernetes.io/name': 'web', tier: 'front' };
  const spec = o.spec as { selector: unknown; template: { metadata: unknown } };
  spec.selector = { matchLabels: labels };
  spec.template.metadata = { labels };
  return o;
}

describe('lading apply: conflicts, immutable fields, autoscaling, CRDs', () => {
  test('a field another manager owns stops the apply (naming field, manager and fix); --force-conflicts takes it', async () => {
    const ns = uniqueNamespace('conflict');
    const app = 'conflicts';
    assert.equal((await apply(app, [namespace(ns), configMap(ns, 'settings', { color: 'blue' })])).code, 0);
    await kube.apply(configMap(ns, 'settings', { color: 'red' }), 'ops-team', true);

    const refused = await applyInProcess(app, [namespace(ns), configMap(ns, 'settings', { color: 'green' })]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /field data\.color is owned by field manager "ops-team"/);
    assert.match(refused.stderr, /--force-conflicts/);
    assert.match(refused.stderr, /nothing was changed/);
    assert.deepEqual(refused.writes, []);
    assert.equal(((await kube.get('v1', 'ConfigMap', ns, 'settings'))?.data as Record<string, string>).color, 'red');

    const forced = await apply(app, [namespace(ns), configMap(ns, 'settings', { color: 'green' })], '--force-conflicts');
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(((await kube.get('v1', 'ConfigMap', ns, 'settings'))?.data as Record<string, string>).color, 'green');
  });

  test('an immutable change is refused without --force-replace (nothing changed), replaced with it', async () => {
    const ns = uniqueNamespace('replace');
    const app = 'replace';
    assert.equal((await apply(app, [namespace(ns), deployment(ns, 'web'), configMap(ns, 'other', { a: '1' })])).code, 0);
    const before = await kube.get('apps/v1', 'Deployment', ns, 'web');

    const changed = [namespace(ns), reselected(deployment(ns, 'web')), configMap(ns, 'other', { a: '2' })];
    const refused = await applyInProcess(app, changed);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /deployment\.apps\/web -n \S+: an immutable field changes/);
    assert.match(refused.stderr, /--force-replace/);
    assert.deepEqual(refused.writes, [], 'nothing written, not even the ConfigMap');
    assert.equal(((await kube.get('v1', 'ConfigMap', ns, 'other'))?.data as Record<string, string>).a, '1');

    const forced = await apply(app, changed, '--force-replace', '--wait', '--timeout', '120s');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /± deployment\.apps\/web -n \S+ {2}replaced/);
    const after = await kube.get('apps/v1', 'Deployment', ns, 'web');
    assert.notEqual(after?.metadata?.uid, before?.metadata?.uid);
    assert.deepEqual((after?.spec as { selector: unknown }).selector, { matchLabels: { 'app.kubernetes.io/name': 'web', tier: 'front' } });
  });

  test('the per-object annotation allows a replace without the flag', async () => {
    const ns = uniqueNamespace('replace-opt');
    const app = 'replace-opt';
    assert.equal((await apply(app, [namespace(ns), deployment(ns, 'web')])).code, 0);
    const moved = reselected(deployment(ns, 'web'));
    moved.metadata!.annotations = { 'lading.dev/replace-on-immutable': 'true' };
    const res = await apply(app, [namespace(ns), moved]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /replaced/);
  });

  test('autoscaled workloads never conflict over replicas (HPA in the input, or scaled by another manager)', async () => {
    const ns = uniqueNamespace('hpa');
    const app = 'autoscaled';
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: ns },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      },
    };
    // (validate rejects replicas on a workload an HPA of the input scales; apply drops them anyway.)
    const web = deployment(ns, 'web');
    delete (web.spec as { replicas?: number }).replicas;
    const res = await apply(app, [namespace(ns), web, hpa]);
    assert.equal(res.code, 0, res.stderr);
    const dep = await kube.get('apps/v1', 'Deployment', ns, 'web');
    const lading = (dep?.metadata?.managedFields as { manager: string; fieldsV1: { 'f:spec'?: Record<string, unknown> } }[]).find(
      (m) => m.manager === applySetRef(app, ns).manager,
    );
    assert.ok(lading && !('f:replicas' in (lading.fieldsV1['f:spec'] ?? {})), 'lading does not own spec.replicas');

    // Plain YAML without an HPA, scaled by someone else through the scale subresource.
    const ns2 = uniqueNamespace('scaled');
    assert.equal((await apply('scaled', [namespace(ns2), deployment(ns2, 'web')])).code, 0);
    await kube.client.call({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${ns2}/deployments/web/scale`,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: 4 } },
      query: { fieldManager: 'kubectl-scale' },
    });
    const again = await applyInProcess('scaled', [namespace(ns2), deployment(ns2, 'web', 'nginx:1.28')]);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /conflict/);
    const scaled = await kube.get('apps/v1', 'Deployment', ns2, 'web');
    assert.equal((scaled?.spec as { replicas: number }).replicas, 4);
  });

  test('a set whose parent belongs to another tool is refused: nothing changed', async () => {
    const ns = uniqueNamespace('foreign-set');
    await kube.apply(namespace(ns), 'test-setup');
    const set = applySetRef('theirs', ns);
    await kube.apply(
      {
        ...parentObject(set, ['ConfigMap'], [ns]),
        metadata: { ...parentObject(set, [], []).metadata, annotations: { [APPLYSET.tooling]: 'kubectl/v1.36', [APPLYSET.groupKinds]: 'ConfigMap' } },
      },
      'kubectl',
    );
    const res = await apply('theirs', [configMap(ns, 'mine', { a: '1' })], '--prune');
    assert.equal(res.code, 2);
    assert.match(res.stderr, /belongs to "kubectl\/v1\.36", not lading: refusing to change or prune it/);
    assert.equal(await kube.get('v1', 'ConfigMap', ns, 'mine'), undefined);
  });

  test('a CRD and its custom resources in one input: CRD first, Established, then the CRs', async () => {
    const ns = uniqueNamespace('crd');
    const group = `t${Math.random().toString(16).slice(2, 8)}.lading.test`;
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
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
    onCleanup(() => kube.remove('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, `widgets.${group}`));
    const widget = (name: string, size: number): KubeObject => ({
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name, namespace: ns },
      spec: { size },
    });
    // The CR comes first in the file: order comes from the wave table, not the input.
    const res = await apply('widgets', [widget('a', 1), widget('b', 2), namespace(ns), crd], '--wait', '--timeout', '120s');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.ok(res.stdout.indexOf('+ customresourcedefinition') < res.stdout.indexOf(`+ widget.${group}/a`), res.stdout);
    const kubeFresh = (await import('../../support/kube.js')).testClient((await import('./helpers.js')).kubeconfig);
    const a = await kubeFresh.get(`${group}/v1`, 'Widget', ns, 'a');
    assert.equal((a?.spec as { size: number }).size, 1);
    // And a re-apply is a no-op.
    const again = await applyInProcess('widgets', [widget('a', 1), widget('b', 2), namespace(ns), crd]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(again.writes, []);
  });
});
