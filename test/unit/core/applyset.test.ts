import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APPLYSET, appliedBy, applySetName, applySetRef, invalidSetPart, LEGACY_MANAGER, withMembership } from '../../../lib/core/applyset.js';
import { blockers } from '../../../lib/apply/gate.js';
import { inScope } from '../../../lib/plan/observe.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import type { ObjectPlan } from '../../../lib/plan/types.js';

test('set names are unambiguous for (application, environment): no two pairs share one', () => {
  assert.equal(applySetName('shop', 'dev'), 'lading-shop.dev');
  assert.equal(applySetName('shop-dev'), 'lading-shop-dev');
  const names = new Set<string>();
  for (const app of ['a', 'a-b', 'a-b-c', 'b', 'b-c']) for (const env of [undefined, 'b', 'c', 'b-c']) names.add(applySetName(app, env));
  assert.equal(names.size, 5 * 4);
  assert.throws(() => applySetName('shop.dev'), /expected a DNS-1123 label/);
  assert.match(invalidSetPart('environment', 'Prod') ?? '', /environment name "Prod"/);
});

test('each set has its own field manager, with the namespace, within the API server limit of 128', () => {
  assert.equal(applySetRef('shop', 'web', 'dev').manager, 'lading/shop.dev@web');
  assert.notEqual(applySetRef('shop', 'a').manager, applySetRef('shop', 'b').manager);
  const long = applySetRef('a'.repeat(63), 'n'.repeat(63), 'e'.repeat(63)).manager;
  assert.ok(long.length <= 128 && long.startsWith('lading/'));
});

const set = applySetRef('shop', 'web');
const managed = (manager: string, operation = 'Apply') => ({ manager, operation, apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} });
const member = (...entries: object[]): KubeObject => ({
  ...withMembership({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'web' } }, set),
  metadata: { ...withMembership({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'web' } }, set).metadata, managedFields: entries },
});

test('appliedBy: the set label and an apply by the set manager (or lading 0.1 on a labelled object)', () => {
  assert.ok(appliedBy(member(managed(set.manager)), set));
  assert.ok(appliedBy(member(managed(LEGACY_MANAGER)), set));
  assert.ok(!appliedBy(member(managed('kubectl')), set), 'a copied label');
  assert.ok(!appliedBy(member(managed(set.manager, 'Update')), set), 'not through apply');
  const other = applySetRef('other', 'web');
  assert.ok(!appliedBy(member(managed(set.manager)), other), 'labelled for another set');
  assert.equal(member().metadata?.labels?.[APPLYSET.partOfLabel], set.id);
});

test('inScope: a cluster-scoped object loses its namespace, a namespaced one gets the default', () => {
  const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'x' } };
  assert.deepEqual(inScope(role, false, 'def').metadata, { name: 'r' });
  assert.equal(inScope({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, true, 'def').metadata?.namespace, 'def');
  assert.equal(inScope({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'mine' } }, true, 'def').metadata?.namespace, 'mine');
});

test("the gate refuses to take over another set's object unless --adopt, which also accepts the label conflict", () => {
  const o: ObjectPlan = {
    category: 'change',
    id: 'namespace/a',
    apiVersion: 'v1',
    kind: 'Namespace',
    name: 'a',
    before: '',
    after: '',
    drift: [],
    conflicts: [{ path: `metadata.labels.${APPLYSET.partOfLabel}`, manager: 'lading/owner@default' }],
    otherSet: 'configmap/lading-owner -n default',
  };
  const plans = [{ name: 'b', plan: { objects: [o], counts: { create: 0, change: 1, replace: 0, prune: 0, unchanged: 0, error: 0 } }, errors: [] }];
  const refused = blockers(plans, {});
  assert.match(refused.join('\n'), /belongs to another application's ApplySet \(configmap\/lading-owner -n default\).*--adopt/);
  assert.deepEqual(blockers(plans, { adopt: true }), []);
  const other = { ...o, conflicts: [...o.conflicts, { path: 'metadata.labels.team', manager: 'kubectl' }] };
  assert.match(
    blockers([{ ...plans[0]!, plan: { ...plans[0]!.plan, objects: [other] } }], { adopt: true }).join('\n'),
    /metadata\.labels\.team is owned by field manager "kubectl"/,
  );
});
