import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { buildPlan, type Observation } from '../../../lib/plan/build.js';
import { blastRadius, changedPaths } from '../../../lib/plan/blast-radius.js';
import { renderJson } from '../../../lib/plan/render-json.js';
import { renderMarkdown } from '../../../lib/plan/render-markdown.js';
import { renderText } from '../../../lib/plan/render-text.js';

const M = 'lading/shop@shop';
const owned = (fields: Record<string, unknown>) => [
  { manager: M, operation: 'Apply', apiVersion: 'v1', time: '2026-11-30T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: fields },
];

// Shapes as the API server returns them (managedFields, defaults, status), cut to what matters.
function deployment(image: string, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: 'd1',
      resourceVersion: '100',
      generation: 3,
      managedFields: owned({
        'f:spec': {
          'f:replicas': {},
          'f:template': {
            'f:metadata': { 'f:annotations': { '.': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
          },
        },
      }),
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { app: 'web' }, annotations },
        spec: { containers: [{ name: 'web', image, imagePullPolicy: 'IfNotPresent' }], restartPolicy: 'Always' },
      },
    },
    status: { observedGeneration: 3, replicas: 2, readyReplicas: 2 },
  };
}

function service(type: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: 's1',
      resourceVersion: '50',
      managedFields: owned({ 'f:spec': { 'f:type': {}, 'f:ports': {}, 'f:selector': {} } }),
    },
    spec: {
      type,
      clusterIP: '10.0.0.7',
      clusterIPs: ['10.0.0.7'],
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: { app: 'web' },
      ...extra,
    },
  };
}

function change(live: KubeObject, dryRun: KubeObject): Observation {
  const { status: _s, ...desired } = dryRun;
  return { desired: { ...desired, metadata: { name: dryRun.metadata!.name, namespace: dryRun.metadata!.namespace } }, live, dryRun };
}

describe('blast radius', () => {
  test('a workload whose pod template changes rolls its pods, naming the fields', () => {
    const plan = buildPlan([change(deployment('shop:1.0'), deployment('shop:1.1'))], [], { manager: M });
    assert.equal(plan.objects[0]!.category, 'change');
    const blast = blastRadius(plan);
    assert.equal(blast.length, 1);
    assert.equal(blast[0]!.effect, 'rolls');
    assert.match(blast[0]!.message, /template\.spec\.containers\[web\]\.image/);
  });

  test('a replicas-only change does not roll; a rotated Secret (checksum annotation) does, without showing it', () => {
    const scaled = deployment('shop:1.0');
    const scaledDry = { ...scaled, spec: { ...(scaled.spec as object), replicas: 5 } } as KubeObject;
    assert.deepEqual(blastRadius(buildPlan([change(scaled, scaledDry)], [], { manager: M })), []);
    const rotated = buildPlan(
      [change(deployment('shop:1.0', { 'lading.dev/secret-checksum': 'aaaa' }), deployment('shop:1.0', { 'lading.dev/secret-checksum': 'bbbb' }))],
      [],
      { manager: M },
    );
    const [b] = blastRadius(rotated);
    assert.match(b!.message, /a Secret it reads changed/);
    assert.doesNotMatch(JSON.stringify(b), /aaaa|bbbb/);
  });

  test('a Service whose type changes moves its address; a port change does not', () => {
    const lb = buildPlan([change(service('ClusterIP'), service('LoadBalancer', { loadBalancerClass: 'x' }))], [], { manager: M });
    assert.deepEqual(
      blastRadius(lb).map((b) => b.message),
      ['its address changes: spec.type, spec.loadBalancerClass'],
    );
    const port = buildPlan(
      [
        change(service('ClusterIP'), {
          ...service('ClusterIP'),
          spec: { ...(service('ClusterIP').spec as object), ports: [{ port: 81, protocol: 'TCP', targetPort: 8080 }] },
        } as KubeObject),
      ],
      [],
      { manager: M },
    );
    assert.deepEqual(blastRadius(port), []);
  });

  test('pruned volumes lose data; pruned namespaces and CRDs take their contents (the live counts of the plan)', () => {
    const pvc: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'shop', uid: 'p1', resourceVersion: '9', managedFields: owned({}) },
      spec: { volumeName: 'pv-1' },
    };
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'old', uid: 'n1', resourceVersion: '3', managedFields: owned({}) } };
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.acme.io', uid: 'c1', managedFields: owned({}) },
      spec: { group: 'acme.io', names: { kind: 'Widget' } },
    };
    const lb = service('LoadBalancer');
    const costs = new Map<KubeObject, string>([
      [pvc, 'the data of its volume may be deleted with it (volume pv-1, reclaimPolicy Delete)'],
      [ns, 'deletes everything in namespace old with it: 12 objects (5 ConfigMap, 7 Secret)'],
    ]);
    const plan = buildPlan([], [pvc, ns, crd, lb], { manager: M, pruneCosts: costs });
    const blast = blastRadius(plan);
    assert.deepEqual(
      blast.map((b) => [b.effect, b.id]),
      [
        ['data-loss', 'persistentvolumeclaim/data'],
        ['takes-along', 'namespace/old'],
        ['takes-along', 'customresourcedefinition.apiextensions.k8s.io/widgets.acme.io'],
        ['service-address', 'service/web'],
      ],
    );
    assert.match(blast[0]!.message, /reclaimPolicy Delete/);
    assert.match(blast[1]!.message, /12 objects/);
    assert.match(blast[2]!.message, /every custom resource of its kinds/);
  });

  test('shown in text, json and markdown', () => {
    const plan = buildPlan([change(deployment('shop:1.0'), deployment('shop:1.1'))], [], { manager: M });
    const plans = [{ name: 'shop', plan, errors: [] }];
    assert.match(renderText(plans, { color: false }), /^blast radius:\n {2}deployment\.apps\/web -n shop: rolls its pods/m);
    assert.match(renderMarkdown(plans), /\*\*Blast radius\*\*\n\n- 🔄 <code>deployment\.apps\/web<\/code> in <code>shop<\/code>: rolls its pods/);
    const json = JSON.parse(renderJson(plans));
    assert.equal(json.applications[0].blastRadius[0].effect, 'rolls');
  });

  test('changedPaths names list items by name and stops at the limit', () => {
    assert.deepEqual(changedPaths({ c: [{ name: 'a', x: 1 }] }, { c: [{ name: 'a', x: 2 }, { name: 'b' }] }), ['c[a].x', 'c[b]']);
    assert.equal(changedPaths({ a: 1, b: 1, c: 1, d: 1 }, { a: 2, b: 2, c: 2, d: 2 }, 2).length, 2);
  });
});
