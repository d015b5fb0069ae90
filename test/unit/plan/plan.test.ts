import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { buildPlan } from '../../../lib/plan/build.js';
import { findDrift } from '../../../lib/plan/drift.js';
import { maskSecretPair, scrub, secretValues } from '../../../lib/plan/mask.js';
import { dropServerMetadata, dropStatus, restrictToOwnedFields, stringDataToData } from '../../../lib/plan/normalize.js';
import { provablyUnchanged } from '../../../lib/plan/unchanged.js';
import { renderJson } from '../../../lib/plan/render-json.js';
import { renderMarkdown } from '../../../lib/plan/render-markdown.js';
import { renderText } from '../../../lib/plan/render-text.js';

const desired: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'ns', labels: { app: 'x' } }, data: { a: '1' } };
const ladingEntry = { manager: 'lading', operation: 'Apply', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:data': { 'f:a': {} } } };
const live: KubeObject = {
  ...desired,
  metadata: {
    ...desired.metadata,
    uid: 'u1',
    resourceVersion: '7',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { app: 'x', hand: 'made' },
    managedFields: [
      ladingEntry,
      { manager: 'kubectl-edit', operation: 'Update', time: '2026-11-23T10:00:00Z', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:hand': {} } } } },
    ],
  },
};

describe('normalization steps', () => {
  test('restrictToOwnedFields keeps identity and owned fields only', () => {
    const out = restrictToOwnedFields(live, { owned: ladingEntry.fieldsV1 });
    assert.deepEqual(out, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'ns', labels: { app: 'x' } }, data: { a: '1' } });
  });
  test('dropServerMetadata removes uid, resourceVersion, managedFields, creationTimestamp', () => {
    const meta = dropServerMetadata(live, {}).metadata!;
    for (const k of ['uid', 'resourceVersion', 'managedFields', 'creationTimestamp']) assert.ok(!(k in meta), k);
  });
  test('dropStatus and stringDataToData', () => {
    assert.ok(!('status' in dropStatus({ ...desired, status: { x: 1 } }, {})));
    const secret = stringDataToData({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { p: 'hunter2' } }, {});
    assert.deepEqual(secret.data, { p: Buffer.from('hunter2').toString('base64') });
    assert.ok(!('stringData' in secret));
  });
});

describe('provablyUnchanged', () => {
  test('true when lading owns exactly the desired fields with the same values', () => assert.ok(provablyUnchanged(desired, live, 'lading')));
  test('false when a value differs, a field is added or removed, or lading owns nothing', () => {
    assert.ok(!provablyUnchanged({ ...desired, data: { a: '2' } }, live, 'lading'));
    assert.ok(!provablyUnchanged({ ...desired, data: { a: '1', b: '2' } }, live, 'lading'));
    assert.ok(!provablyUnchanged({ ...desired, data: {} }, live, 'lading'));
    assert.ok(!provablyUnchanged(desired, live, 'someone-else'));
  });
});

describe('drift', () => {
  test('a label added by kubectl edit is drift, named with its manager', () => {
    assert.deepEqual(findDrift(live, 'lading', ladingEntry.fieldsV1), [
      { path: 'metadata.labels.hand', manager: 'kubectl-edit', operation: 'Update', time: '2026-11-23T10:00:00Z' },
    ]);
  });
  test('replicas owned through the scale subresource is an expected co-owner, not drift', () => {
    const scaled = {
      ...live,
      metadata: {
        ...live.metadata,
        managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', subresource: 'scale', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }],
      },
    };
    assert.deepEqual(findDrift(scaled as KubeObject, 'lading', {}), []);
  });
});

describe('secret masking', () => {
  const before: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { same: 'c2FtZQ==', rotated: 'b2xk' } };
  const after: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { same: 'c2FtZQ==', rotated: 'bmV3', added: 'YWRk' } };
  test('no value survives, and a changed key still looks changed', () => {
    const [b, a] = maskSecretPair(before, after);
    const text = JSON.stringify([b, a]);
    for (const v of ['c2FtZQ==', 'b2xk', 'bmV3', 'YWRk']) assert.ok(!text.includes(v), v);
    assert.equal((b!.data as Record<string, string>).same, (a!.data as Record<string, string>).same);
    assert.notEqual((b!.data as Record<string, string>).rotated, (a!.data as Record<string, string>).rotated);
  });
  test('scrub removes plain and base64 values from server messages', () => {
    const values = secretValues([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { p: Buffer.from('hunter22').toString('base64') } }]);
    assert.equal(scrub('invalid value "hunter22" (aHVudGVyMjI=)', values), 'invalid value "***" (***)');
  });
});

describe('buildPlan and renderers', () => {
  const plan = buildPlan(
    [
      { desired, live, provenUnchanged: true },
      { desired: { ...desired, metadata: { ...desired.metadata, name: 'new' } } },
      { desired: { ...desired, data: { a: '2' } }, live, dryRun: { ...live, data: { a: '2' } } },
    ],
    [{ ...desired, metadata: { name: 'old', namespace: 'ns' } }],
    { manager: 'lading' },
  );
  test('categories are counted', () => {
    assert.deepEqual(plan.counts, { create: 1, change: 1, replace: 0, prune: 1, unchanged: 1, error: 0 });
  });
  const apps = [{ name: 'shop', plan, errors: [] }];
  test('text shows a diff line for the change and the drift with its manager', () => {
    const text = renderText(apps, { color: false });
    assert.match(text, /^shop: 1 to create, 1 to change, 0 to replace, 1 to prune, 1 unchanged; \d+ drifted fields?/);
    assert.match(text, /-  a: "1"\n\s+\+  a: "2"/);
    assert.match(text, /metadata\.labels\.hand set by kubectl-edit/);
  });
  test('json has a stable schema', () => {
    const report = JSON.parse(renderJson(apps));
    assert.equal(report.kind, 'DiffReport');
    assert.equal(report.hasChanges, true);
    assert.deepEqual(Object.keys(report.applications[0].objects[0]), [
      'category',
      'id',
      'apiVersion',
      'kind',
      'namespace',
      'name',
      'source',
      'diff',
      'drift',
      'conflicts',
      'reason',
      'otherSet',
      'danger',
    ]);
  });
  test('markdown has a summary table and collapsible diffs', () => {
    const md = renderMarkdown(apps);
    assert.match(md, /\| objects \| 1 \| 1 \| 0 \| 1 \| 1 \|/);
    assert.match(md, /<details>\n<summary>.*<b>change<\/b> <code>configmap\/cfg<\/code>/);
    assert.match(md, /```diff\n/);
  });
});

describe('an object being deleted', () => {
  const terminating: KubeObject = { ...live, metadata: { ...live.metadata, deletionTimestamp: '2026-12-01T03:13:47Z', finalizers: ['foregroundDeletion'] } };
  const note = 'being deleted (since 2026-12-01T03:13:47Z, held by finalizer foregroundDeletion): created again once it is gone';
  const plan = buildPlan([{ desired, live: terminating, beingDeleted: note }], [], { manager: 'lading' });
  test('is a create that waits for the deletion, never unchanged (it would be gone after a green apply)', () => {
    const [o] = plan.objects;
    assert.equal(o!.category, 'create');
    assert.equal(o!.awaitsDeletion, true);
    assert.equal(o!.live?.metadata?.uid, 'u1', 'the namesake apply waits for');
  });
  test('the plan says why, naming what holds it', () => {
    assert.match(
      renderText([{ name: 'shop', plan, errors: [] }], { color: false }),
      /configmap\/cfg[\s\S]*held by finalizer foregroundDeletion\): created again once it is gone/,
    );
  });
});
