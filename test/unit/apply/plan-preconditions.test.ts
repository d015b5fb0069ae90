import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySetRef, withMembership } from '../../../lib/core/applyset.js';
import { Progress } from '../../../lib/apply/progress.js';
import { planWaves } from '../../../lib/apply/waves.js';
import type { ClusterApi, DeleteOptions, ResourceInfo } from '../../../lib/core/cluster-api.js';
import { execute } from '../../../lib/apply/execute.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import type { ObjectPlan } from '../../../lib/plan/types.js';

const set = applySetRef('shop', 'shop');
const info: ResourceInfo = { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true, verbs: [] };
const cm = (name: string, rv: string): KubeObject =>
  withMembership(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'shop', uid: `u-${name}`, resourceVersion: rv, managedFields: [{ manager: set.manager, operation: 'Apply', fieldsV1: {} }] },
      data: {},
    },
    set,
  );

// What execute sends, seen through the engine's cluster interface: every object reads back at
// `liveVersion` until deleted. (Whether the server enforces the preconditions is the integration
// test's job: test/integration/plan/saved-plan.test.ts.)
function cluster(liveVersion: string) {
  const applied: KubeObject[] = [];
  const deletes: DeleteOptions[] = [];
  const deleted = new Set<string>();
  const api: ClusterApi = {
    lookup: async () => info,
    resources: async () => [info],
    refreshDiscovery: () => undefined,
    get: async (_i, _ns, name) => (deleted.has(name) ? undefined : cm(name, liveVersion)),
    list: async () => [],
    count: async () => 0,
    apply: async (_i, object) => {
      applied.push(object);
      return object;
    },
    patch: async (_i, _ns, name) => cm(name, liveVersion),
    delete: async (_i, _ns, name, options) => {
      deletes.push(options);
      deleted.add(name);
      return 'deleted';
    },
    scoped: () => api,
  };
  return { api, applied, deletes };
}

const object = (category: 'change' | 'prune', name: string, precondition?: string): ObjectPlan => ({
  category,
  id: `configmap/${name}`,
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name,
  namespace: 'shop',
  before: '',
  after: '',
  drift: [],
  conflicts: [],
  live: cm(name, '7'),
  ...(category === 'change' ? { desired: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data: { a: '2' } } } : {}),
  ...(precondition ? { precondition: { resourceVersion: precondition } } : {}),
});

async function run(objects: ObjectPlan[], liveVersion: string) {
  const c = cluster(liveVersion);
  const result = await execute(c.api, {
    set,
    waves: planWaves(objects),
    prune: true,
    forceConflicts: false,
    concurrency: 4,
    progress: new Progress({ write: () => undefined }),
    stopped: () => false,
    scrub: (m: string) => m,
  });
  return { result, ...c };
}

test('apply --plan: a write carries the planned resourceVersion in its body; without a plan it carries none', async () => {
  const pinned = await run([object('change', 'a', '7')], '7');
  assert.equal(pinned.applied.find((o) => o.metadata?.name === 'a')!.metadata?.resourceVersion, '7');
  const plain = await run([object('change', 'a')], '7');
  assert.equal(plain.applied.find((o) => o.metadata?.name === 'a')!.metadata?.resourceVersion, undefined);
});

test('apply --plan: a prune whose object changed since the plan is not deleted, and says so', async () => {
  const { result, deletes } = await run([object('prune', 'old', '7')], '9');
  assert.equal(deletes.length, 0);
  assert.match(result.failures.join('\n'), /configmap\/old -n shop: changed in the cluster since the plan \(resourceVersion 7, now 9\): not pruned/);
  const same = await run([object('prune', 'old', '7')], '7');
  assert.equal(same.deletes[0]?.preconditions?.resourceVersion, '7');
});
