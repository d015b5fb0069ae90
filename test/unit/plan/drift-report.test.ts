import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { driftEntries, renderDriftJson, renderDriftMarkdown, renderDriftText } from '../../../lib/plan/drift-report.js';
import type { AppPlan } from '../../../lib/plan/report.js';
import type { ObjectPlan } from '../../../lib/plan/types.js';

const live = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', managedFields: [{ manager: 'kubectl-edit', operation: 'Update', time: '2026-11-30T09:00:00Z' }] },
};
const o: ObjectPlan = {
  category: 'change',
  id: 'configmap/a',
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name: 'a',
  namespace: 'shop',
  before: '',
  after: '',
  live,
  drift: [{ path: 'metadata.labels.hand', manager: 'kubectl-label', operation: 'Update', time: '2026-11-30T08:00:00Z' }],
  conflicts: [{ path: 'data.a', manager: 'kubectl-edit' }],
};
const plans: AppPlan[] = [{ name: 'shop', plan: { objects: [o], counts: {} as never }, errors: [] }];

describe('diff --drift-only', () => {
  test('fields added by others and fields of the manifests taken over, each with manager and time', () => {
    const entries = driftEntries(plans);
    assert.deepEqual(
      entries.map((e) => [e.kind, e.path, e.manager, e.time]),
      [
        ['added', 'metadata.labels.hand', 'kubectl-label', '2026-11-30T08:00:00Z'],
        ['taken-over', 'data.a', 'kubectl-edit', '2026-11-30T09:00:00Z'],
      ],
    );
    assert.match(
      renderDriftText(plans, entries),
      /configmap\/a -n shop: data\.a changed by kubectl-edit \(Update at 2026-11-30T09:00:00Z\): a field of the manifests/,
    );
    assert.match(
      renderDriftMarkdown(plans, entries),
      /\| shop \| `configmap\/a` in `shop` \| `metadata\.labels\.hand` \| `kubectl-label` \| Update \| 2026-11-30T08:00:00Z \|/,
    );
    assert.equal(JSON.parse(renderDriftJson(entries)).hasDrift, true);
  });
  test('no drift says so', () => {
    const clean: AppPlan[] = [{ name: 'shop', plan: { objects: [{ ...o, drift: [], conflicts: [] }], counts: {} as never }, errors: [] }];
    assert.match(renderDriftText(clean, []), /^no drift: shop matches/);
  });
});
