import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_KUBE_VERSION,
  type Deployment,
  type HorizontalPodAutoscalerV1,
  SUPPORTED_KUBE_VERSIONS,
  listMapKeys,
  loadModel,
} from '../../../lib/k8s/index.js';
import { deployment, service } from './samples.js';

describe('loadModel', () => {
  it('pins 1.36 and supports 1.32 to 1.36', () => {
    assert.equal(DEFAULT_KUBE_VERSION, '1.36');
    assert.deepEqual(SUPPORTED_KUBE_VERSIONS, ['1.32', '1.33', '1.34', '1.35', '1.36']);
  });

  it('describes kinds: apiVersion, group, scope, definition', async () => {
    const model = await loadModel();
    assert.equal(model.version, '1.36');
    assert.deepEqual(model.kind('apps/v1', 'Deployment'), {
      apiVersion: 'apps/v1',
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespaced: true,
      definition: 'io.k8s.api.apps.v1.Deployment',
    });
    assert.equal(model.kind('v1', 'Namespace')?.namespaced, false);
    assert.equal(model.kind('rbac.authorization.k8s.io/v1', 'ClusterRole')?.namespaced, false);
    assert.equal(model.kind('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration')?.namespaced, false);
    assert.equal(model.kind('v1', 'ConfigMap')?.namespaced, true);
    assert.equal(model.kind('apps/v1', 'Nope'), undefined);
  });

  it('lists the kinds a user writes, without lists and API machinery', async () => {
    const names = new Set((await loadModel()).kinds().map((k) => `${k.apiVersion} ${k.kind}`));
    for (const k of ['apps/v1 Deployment', 'v1 Service', 'autoscaling/v2 HorizontalPodAutoscaler', 'batch/v1 CronJob']) {
      assert.ok(names.has(k), k);
    }
    for (const k of ['apps/v1 DeploymentList', 'v1 Status', 'v1 WatchEvent', 'v1 DeleteOptions', 'v1 List']) {
      assert.ok(!names.has(k), k);
    }
    // Still loadable by apiVersion/kind.
    assert.ok((await loadModel()).kind('v1', 'Status'));
  });

  it('gives the strict schema of a kind', async () => {
    const model = await loadModel('1.36');
    assert.ok(model.schema('apps/v1', 'Deployment')!.safeParse(deployment()).success);
    assert.equal(model.schema('apps/v1', 'Deployment')!.safeParse({ ...deployment(), spek: {} }).success, false);
    assert.equal(model.schema('example.com/v1', 'Widget'), undefined);
  });

  for (const version of ['1.32', '1.33', '1.34', '1.35']) {
    it(`builds ${version} at run time`, async () => {
      const model = await loadModel(version);
      assert.equal(model.version, version);
      const schema = model.schema('apps/v1', 'Deployment')!;
      assert.ok(schema.safeParse(deployment()).success);
      const bad = deployment();
      bad.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes';
      const r = schema.safeParse(bad);
      assert.deepEqual(
        r.error?.issues.map((i) => i.path.join('.')),
        ['spec.template.spec.containers.0.imagePullPolicy'],
      );
      assert.ok(model.schema('v1', 'Service')!.safeParse(service()).success);
    });
  }

  it('caches models and accepts v-prefixed and patch versions', async () => {
    assert.equal(await loadModel('v1.33'), await loadModel('1.33.4'));
  });

  it('names an unsupported version', async () => {
    await assert.rejects(loadModel('1.20'), /unsupported Kubernetes version "1\.20": expected one of 1\.32, 1\.33/);
  });

  it('tells list-map keys and merge keys of a field', async () => {
    assert.deepEqual(listMapKeys('io.k8s.api.core.v1.PodSpec', 'containers'), {
      type: 'map',
      keys: ['name'],
      mergeKey: 'name',
      patchStrategy: 'merge',
    });
    assert.deepEqual(listMapKeys('io.k8s.api.core.v1.Container', 'ports')?.keys, ['containerPort', 'protocol']);
    assert.deepEqual(listMapKeys('io.k8s.api.core.v1.Container', 'ports')?.keyDefaults, { protocol: 'TCP' });
    assert.equal(listMapKeys('io.k8s.api.core.v1.Container', 'image'), undefined);
    const m33 = await loadModel('1.33');
    assert.deepEqual(m33.listMapKeys('io.k8s.api.core.v1.PodSpec', 'containers')?.keys, ['name']);
    assert.deepEqual(m33.field('io.k8s.api.apps.v1.DeploymentSpec', 'template'), {
      definition: 'io.k8s.api.core.v1.PodTemplateSpec',
    });
  });

  it('exports the generated types', () => {
    const d: Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } };
    const h: HorizontalPodAutoscalerV1 = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      spec: { maxReplicas: 2, scaleTargetRef: { kind: 'Deployment', name: 'x' } },
    };
    assert.equal(d.kind, 'Deployment');
    assert.equal(h.apiVersion, 'autoscaling/v1');
  });
});
