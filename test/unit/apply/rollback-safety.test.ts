import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { applySetRef, withMembership } from '../../../lib/core/applyset.js';
import { checkRecord, validateRecord } from '../../../lib/apply/history-check.js';
import { A, historyRecord, manifestsDigest } from '../../../lib/apply/history.js';
import { HISTORY } from '../../../lib/core/names.js';
import { keepLiveSecretData } from '../../../lib/apply/rollback-secrets.js';
import { reviewRollback } from '../../../lib/apply/rollback-review.js';
import { SALT_ANNOTATION } from '../../../lib/core/names.js';
import { loadModel } from '../../../lib/k8s/index.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import type { AppPlan } from '../../../lib/plan/report.js';
import type { ObjectPlan } from '../../../lib/plan/types.js';

const set = applySetRef('shop', 'shop');
const expected = { app: 'shop', namespace: 'shop' };
const info = { revision: 1, appliedAt: '2026-01-01T00:00:00Z', summary: 's', status: 'applied' };
const cm = (data: Record<string, string>): KubeObject =>
  withMembership({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, data }, set);
const secret = (): KubeObject =>
  withMembership(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'shop', annotations: { [SALT_ANNOTATION]: 'salt-9c2e' } },
      data: { pw: 'cHctdmFsdWU=' },
    },
    set,
  );
const record = (objects: KubeObject[]) => historyRecord(set, { name: 'shop' }, info, objects);

test('a whole record of this set passes; it holds neither values nor the salt', () => {
  const r = record([cm({ a: '1' }), secret()]);
  const checked = checkRecord(r, expected);
  assert.deepEqual(checked.problems, []);
  assert.equal(checked.inputs.length, 2);
  const text = JSON.stringify(checked.inputs.map((i) => i.value));
  assert.ok(!text.includes('salt-9c2e') && !text.includes('cHctdmFsdWU='));
});

test('empty, unreadable, cut, foreign-format, foreign-set and tampered records are refused, each with its reason', () => {
  const good = record([cm({ a: '1' })]);
  const withData = (data: Record<string, string>, annotations: Record<string, string> = {}): KubeObject => ({
    ...good,
    data,
    metadata: { ...good.metadata, annotations: { ...good.metadata!.annotations, ...annotations } },
  });
  const cases: [string, KubeObject, RegExp][] = [
    ['empty', record([]), /holds no objects/],
    ['no manifests', withData({}), /holds no manifests/],
    ['unreadable', withData({ [HISTORY.manifestsKey]: 'bm90IGd6aXA=' }), /cannot be read/],
    [
      'cut',
      withData({ [HISTORY.manifestsKey]: gzipSync('apiVersion: v1\nkind: ConfigMap\n').toString('base64') }),
      /do not match their lading\.dev\/manifests-sha256/,
    ],
    ['no digest', { ...good, metadata: { ...good.metadata, annotations: { [A.setName]: set.name } } }, /cannot be checked to be whole/],
    ['another format', { ...good, type: 'helm.sh/release.v1' }, /not a lading history record of this format/],
    ['another set', record([cm({ a: '1' })]), /written for another application/],
    ['values', record([{ ...secret() }]), /holds secret values/],
  ];
  // A record written for app "other" but labelled into shop's history.
  const other = applySetRef('other', 'shop');
  cases[6]![1] = historyRecord(other, { name: 'other' }, info, [withMembership(cm({ a: '1' }), other)]);
  cases[6]![1].metadata!.labels![HISTORY.appLabel] = 'shop';
  // historyRecord strips values: put one back as a tampered record would.
  const tampered = cases[7]![1];
  const yaml =
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\n  labels:\n    applyset.kubernetes.io/part-of: ' +
    set.id +
    '\ndata:\n  pw: aGk=\n';
  cases[7]![1] = {
    ...tampered,
    data: { [HISTORY.manifestsKey]: gzipSync(yaml).toString('base64') },
    metadata: { ...tampered.metadata, annotations: { ...tampered.metadata!.annotations, [A.objects]: '1', [A.digest]: manifestsDigest(yaml) } },
  };
  for (const [name, r, problem] of cases) {
    const { problems } = checkRecord(r, expected);
    assert.ok(
      problems.some((p) => problem.test(p)),
      `${name}: ${problems.join(' | ')}`,
    );
  }
  const notMember = record([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop' } }]);
  assert.ok(checkRecord(notMember, expected).problems.some((p) => /not a member of the set/.test(p)));
});

test('record objects are validated like any input: schema, rules and policies', async () => {
  const bad = withMembership(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 'two',
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x:latest', securityContext: { privileged: true } }] } },
      },
    },
    set,
  );
  const checked = checkRecord(record([bad]), expected);
  const diags = validateRecord(checked.inputs, await loadModel());
  const rules = diags.filter((d) => d.severity === 'error').map((d) => d.rule);
  assert.ok(
    diags.some((d) => d.severity === 'error' && /integer/.test(d.message)),
    JSON.stringify(diags.map((d) => d.message)),
  );
  assert.ok(rules.includes('privileged') && rules.includes('image-tag'), rules.join(','));
  assert.ok(
    validateRecord(checked.inputs, await loadModel(), { policiesAsWarnings: true })
      .filter((d) => d.severity === 'error')
      .every((d) => !['privileged', 'image-tag'].includes(d.rule)),
  );
});

test('a rollback keeps the live values of the keys lading owns, and leaves the others alone', () => {
  const live: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'db',
      namespace: 'shop',
      managedFields: [
        { manager: set.manager, operation: 'Apply', fieldsV1: { 'f:data': { 'f:pw': {} } } },
        { manager: 'kubectl-edit', operation: 'Update', fieldsV1: { 'f:data': { 'f:extra': {} } } },
      ],
    },
    data: { pw: 'bGl2ZQ==', extra: 'ZXg=' },
  };
  const recorded: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { injected: 'x' } };
  const [kept, absent, other] = keepLiveSecretData(
    [recorded, { ...recorded, metadata: { name: 'gone' } }, cm({})],
    new Map([['shop/db', live]]),
    [set.manager, 'lading'],
    'shop',
  );
  assert.deepEqual(kept!.data, { pw: 'bGl2ZQ==' });
  assert.equal(kept!.stringData, undefined);
  assert.equal(absent!.data, undefined);
  assert.deepEqual(other, cm({}));
});

const plan = (objects: Partial<ObjectPlan>[]): AppPlan => ({
  name: 'shop',
  set,
  errors: [],
  plan: {
    objects: objects.map(
      (o) =>
        ({ id: 'x', apiVersion: 'v1', kind: 'ConfigMap', name: 'x', before: '', after: '', drift: [], conflicts: [], category: 'change', ...o }) as ObjectPlan,
    ),
    counts: { create: 0, change: 0, replace: 0, prune: 0, unchanged: 0, error: 0 },
  },
});

test('a rollback that empties data or reaches beyond the application needs consent', () => {
  const owned = { managedFields: [{ manager: 'lading', operation: 'Apply', fieldsV1: { 'f:data': { 'f:a': {}, 'f:b': {} } } }] };
  const emptied = {
    id: 'configmap/c',
    namespace: 'shop',
    live: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...owned }, data: { a: '1', b: '2' } },
    desired: cm({ a: '1' }),
  };
  const crb = {
    id: 'clusterrolebinding.rbac.authorization.k8s.io/pwn',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    category: 'create' as const,
  };
  const rb = {
    id: 'rolebinding.rbac.authorization.k8s.io/pwn',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    namespace: 'shop',
    category: 'create' as const,
  };
  const elsewhere = { id: 'configmap/x', namespace: 'kube-system', category: 'change' as const };
  const unchangedCrb = { ...crb, category: 'unchanged' as const };
  const pruned = { id: 'deployment.apps/web', namespace: 'shop', category: 'prune' as const };
  const plans = [plan([emptied, crb, rb, elsewhere, unchangedCrb, pruned])];

  const refused = reviewRollback(plans, {});
  assert.equal(refused.refusals.length, 4, refused.refusals.join('\n'));
  assert.match(refused.refusals[0]!, /removes data\.b of configmap\/c -n shop: pass --prune/);
  assert.match(refused.refusals[1]!, /create clusterrolebinding.*cluster-scoped.*--trust-history/);
  assert.match(refused.refusals[2]!, /rolebinding.*grants permissions/);
  assert.match(refused.refusals[3]!, /outside the application's namespace shop/);

  const allowed = reviewRollback(plans, { prune: true, trustHistory: true });
  assert.deepEqual(allowed.refusals, []);
  assert.deepEqual(allowed.notes, [
    'the rollback removes data.b of configmap/c -n shop (--prune)',
    'the rollback deletes deployment.apps/web -n shop (--prune)',
  ]);
});
