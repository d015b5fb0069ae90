import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySetRef, withMembership } from '../../../lib/apply/applyset.js';
import { Progress } from '../../../lib/apply/progress.js';
import { planWaves } from '../../../lib/apply/waves.js';
import type { KubeClient, RequestSpec } from '../../../lib/cluster/client.js';
import type { Discovery, ResourceInfo } from '../../../lib/cluster/discovery.js';
import { execute } from '../../../lib/cluster/execute.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import type { ObjectPlan } from '../../../lib/plan/types.js';

const set = applySetRef('shop', 'shop');
const info: ResourceInfo = { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true, verbs: [] };
const cm = (name: string, rv: string): KubeObject => withMembership({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop', uid: `u-${name}`, resourceVersion: rv, managedFields: [{ manager: set.manager, operation: 'Apply', fieldsV1: {} }] }, data: {} }, set);

// A cluster where every object's live resourceVersion is `liveVersion`; it records the writes.
function cluster(liveVersion: string) {
  const sent: RequestSpec[] = [];
  const deleted = new Set<string>();
  const reply = async (spec: RequestSpec) => {
    sent.push(spec);
    const name = spec.path.split('/').pop()!;
    if (spec.method === 'DELETE') deleted.add(name);
    if (spec.method === 'GET') return deleted.has(name) ? { status: 404, body: {}, headers: {} } : { status: 200, body: cm(name, liveVersion), headers: {} };
    return { status: 200, body: spec.body ?? {}, headers: {} };
  };
  const client = { request: reply, call: async (spec: RequestSpec) => (await reply(spec)).body } as unknown as KubeClient;
  const discovery = { lookup: async () => info, all: () => [info], refresh: () => undefined } as unknown as Discovery;
  return { client, discovery, sent };
}

const object = (category: 'change' | 'prune', name: string, precondition?: string): ObjectPlan => ({
  category, id: `configmap/${name}`, apiVersion: 'v1', kind: 'ConfigMap', name, namespace: 'shop', before: '', after: '', drift: [], conflicts: [],
  live: cm(name, '7'), ...(category === 'change' ? { desired: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data: { a: '2' } } } : {}),
  ...(precondition ? { precondition: { resourceVersion: precondition } } : {}),
});

async function run(objects: ObjectPlan[], liveVersion: string) {
  const c = cluster(liveVersion);
  const result = await execute(c.client, c.discovery, {
    set, waves: planWaves(objects), prune: true, forceConflicts: false, concurrency: 4, progress: new Progress({ write: () => undefined }), stopped: () => false, scrub: (m) => m,
  });
  return { result, sent: c.sent };
}

test('apply --plan: a write carries the planned resourceVersion in its body; without a plan it carries none', async () => {
  const pinned = await run([object('change', 'a', '7')], '7');
  const write = pinned.sent.find((s) => s.method === 'PATCH' && s.path.endsWith('/configmaps/a'))!;
  assert.equal((write.body as KubeObject).metadata?.resourceVersion, '7');
  const plain = await run([object('change', 'a')], '7');
  assert.equal((plain.sent.find((s) => s.method === 'PATCH' && s.path.endsWith('/configmaps/a'))!.body as KubeObject).metadata?.resourceVersion, undefined);
});

test('apply --plan: a prune whose object changed since the plan is not deleted, and says so', async () => {
  const { result, sent } = await run([object('prune', 'old', '7')], '9');
  assert.equal(sent.filter((s) => s.method === 'DELETE').length, 0);
  assert.match(result.failures.join('\n'), /configmap\/old -n shop: changed in the cluster since the plan \(resourceVersion 7, now 9\): not pruned/);
  const same = await run([object('prune', 'old', '7')], '7');
  const del = same.sent.find((s) => s.method === 'DELETE')!;
  assert.equal((del.body as { preconditions: { resourceVersion: string } }).preconditions.resourceVersion, '7');
});
