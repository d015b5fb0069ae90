import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appStatus, objectStatus, renderStatusJson, renderStatusText } from '../../../lib/apply/status.js';
import type { ObjectPlan } from '../../../lib/plan/types.js';
import type { AppPlan } from '../../../lib/plan/report.js';

const object = (over: Partial<ObjectPlan>): ObjectPlan => ({
  category: 'unchanged',
  id: 'configmap/a',
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name: 'a',
  namespace: 'shop',
  before: '',
  after: '',
  drift: [],
  conflicts: [],
  ...over,
});
const plan = (objects: ObjectPlan[], errors: string[] = []): AppPlan => ({ name: 'shop', env: 'prod', plan: { objects, counts: {} as never }, errors });
const ready = { state: 'ready' as const, message: 'ready' };
const revision = {
  revision: 4,
  appliedAt: '2026-12-01T03:00:00.123Z',
  appliedBy: 'ci@runner',
  commit: '0123456789abcdef',
  status: 'ready',
  summary: '1 changed',
};

describe('lading status', () => {
  test('healthy only when every object is in sync, ready and without drift', () => {
    const ok = [object({})];
    assert.equal(
      appStatus(
        plan(ok),
        ok.map((o) => objectStatus(o, ready)),
        revision,
      ).healthy,
      true,
    );
    assert.equal(
      appStatus(
        plan(ok),
        ok.map((o) => objectStatus(o, { state: 'waiting', message: '1/2 replicas available' })),
        revision,
      ).healthy,
      false,
    );
    const drifted = [object({ drift: [{ path: 'metadata.labels.x', manager: 'kubectl-edit', operation: 'Update' }] })];
    assert.equal(
      appStatus(
        plan(drifted),
        drifted.map((o) => objectStatus(o, ready)),
        revision,
      ).healthy,
      false,
    );
    const changing = [object({ category: 'change' })];
    assert.equal(
      appStatus(
        plan(changing),
        changing.map((o) => objectStatus(o, ready)),
        revision,
      ).healthy,
      false,
    );
    assert.equal(
      appStatus(
        plan(ok, ['forbidden']),
        ok.map((o) => objectStatus(o, ready)),
        revision,
      ).healthy,
      false,
    );
  });

  test('text names the revision (who, when, commit) and each object; json carries the same', () => {
    const objects = [object({}), object({ id: 'deployment.apps/web', category: 'create' })];
    const s = appStatus(plan(objects), [objectStatus(objects[0]!, ready), objectStatus(objects[1]!, undefined)], revision);
    const text = renderStatusText([s]);
    assert.match(text, /^shop \(prod\): not healthy; revision 4 applied 2026-12-01T03:00:00Z by ci@runner from 0123456789ab \(ready\)$/m);
    assert.match(text, /deployment\.apps\/web\s+shop\s+would create\s+not in the cluster\s+-/);
    const json = JSON.parse(renderStatusJson([s]));
    assert.equal(json.healthy, false);
    assert.equal(json.applications[0].lastRevision.commit, '0123456789abcdef');
  });
});
