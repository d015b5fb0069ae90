import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dropAutoscaledReplicas } from '../../../lib/apply/autoscale.js';
import { parseDuration } from '../../../lib/core/duration.js';
import { blockers } from '../../../lib/apply/gate.js';
import { planWaves } from '../../../lib/apply/waves.js';
import { type KubeObject, objectKey } from '../../../lib/manifest/object.js';
import type { AppPlan } from '../../../lib/plan/report.js';
import type { Category, ObjectPlan } from '../../../lib/plan/types.js';

function planned(kind: string, category: Category, apiVersion = 'v1', extra: Partial<ObjectPlan> = {}): ObjectPlan {
  const desired: KubeObject = { apiVersion, kind, metadata: { name: kind.toLowerCase() } };
  return {
    category,
    id: `${kind.toLowerCase()}/x`,
    apiVersion,
    kind,
    name: kind.toLowerCase(),
    desired,
    before: '',
    after: '',
    drift: [],
    conflicts: [],
    ...extra,
  };
}

describe('waves', () => {
  test('writes follow the kind table; unchanged objects are not written; deletions run in reverse', () => {
    const objects = [
      planned('Deployment', 'change', 'apps/v1'),
      planned('Widget', 'create', 'example.com/v1'),
      planned('Service', 'create'),
      planned('Namespace', 'create'),
      planned('ConfigMap', 'unchanged'),
      planned('CustomResourceDefinition', 'create', 'apiextensions.k8s.io/v1'),
      planned('Gadget', 'prune', 'example.com/v1'),
      planned('Secret', 'prune'),
      planned('Deployment', 'replace', 'apps/v1'),
    ];
    const waves = planWaves(objects);
    assert.deepEqual(
      waves.writes.map((w) => [w.name, w.objects.map((o) => `${o.kind}:${o.category}`)]),
      [
        ['namespaces', ['Namespace:create']],
        ['definitions', ['CustomResourceDefinition:create']],
        ['services', ['Service:create']],
        ['workloads', ['Deployment:change', 'Deployment:replace']],
        ['custom-resources', ['Widget:create']],
      ],
    );
    assert.deepEqual(
      waves.deletes.map((w) => w.name),
      ['custom-resources', 'config'],
    );
    assert.deepEqual(
      waves.unchanged.map((o) => o.kind),
      ['ConfigMap'],
    );
  });

  test('a kind defined by a CRD of the input is a custom resource even in a *.k8s.io group', () => {
    const waves = planWaves([planned('Thing', 'create', 'things.k8s.io/v1')], new Set(['things.k8s.io/v1|Thing']));
    assert.equal(waves.writes[0]!.name, 'custom-resources');
  });
});

describe('gate', () => {
  const app = (objects: ObjectPlan[], errors: string[] = []): AppPlan => ({ name: 'a', plan: { objects, counts: {} as never }, errors });
  test('conflicts name the field, the manager and the fix; --force-conflicts lets them through', () => {
    const o = planned('ConfigMap', 'change', 'v1', { conflicts: [{ path: 'data.color', manager: 'ops' }], namespace: 'n' });
    const [message] = blockers([app([o])], {});
    assert.match(message!, /configmap\/x -n n: field data\.color is owned by field manager "ops".*--force-conflicts/);
    assert.deepEqual(blockers([app([o])], { forceConflicts: true }), []);
  });
  test('replace needs --force-replace or the annotation; errors always block', () => {
    const r = planned('Deployment', 'replace', 'apps/v1', { reason: 'spec.selector: field is immutable' });
    assert.match(blockers([app([r])], {})[0]!, /immutable field changes \(spec\.selector: field is immutable\).*--force-replace/);
    assert.deepEqual(blockers([app([r])], { forceReplace: true }), []);
    const annotated = { ...r, desired: { ...r.desired!, metadata: { annotations: { 'lading.dev/replace-on-immutable': 'true' } } } };
    assert.deepEqual(blockers([app([annotated])], {}), []);
    assert.equal(
      blockers([app([planned('Foo', 'error', 'v1', { reason: 'forbidden' })], ['unknown kind'])], { forceConflicts: true, forceReplace: true }).length,
      2,
    );
  });
});

describe('autoscaled replicas', () => {
  const dep: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'n' }, spec: { replicas: 3, selector: {} } };
  test('dropped when an HPA of the input targets the workload', () => {
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h', namespace: 'n' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
    };
    const [out] = dropAutoscaledReplicas([dep, hpa]);
    assert.deepEqual(out!.spec, { selector: {} });
    assert.deepEqual(dropAutoscaledReplicas([dep])[0], dep);
  });
  test('dropped when another manager owns replicas through the scale subresource', () => {
    const live = {
      ...dep,
      metadata: {
        ...dep.metadata,
        managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', subresource: 'scale', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }],
      },
    };
    assert.deepEqual(dropAutoscaledReplicas([dep], new Map([[objectKey(live), live]]))[0]!.spec, { selector: {} });
  });
});

test('durations', () => {
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('1m30s'), 90_000);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('12'), 12_000);
  assert.equal(parseDuration('5 minutes'), undefined);
  assert.equal(parseDuration(''), undefined);
});
