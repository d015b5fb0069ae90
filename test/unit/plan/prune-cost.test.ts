import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeClient, RequestSpec } from '../../../lib/cluster/client.js';
import type { Discovery, ResourceInfo } from '../../../lib/cluster/discovery.js';
import { LiveCluster } from '../../../lib/cluster/live-cluster.js';
import { pruneCosts } from '../../../lib/plan/prune-cost.js';
import type { KubeObject } from '../../../lib/manifest/object.js';

const info = (kind: string, resource: string): ResourceInfo => ({ group: '', version: 'v1', kind, resource, namespaced: true, verbs: ['list', 'get'] });
const discovery = {
  resources: async () => [info('ConfigMap', 'configmaps'), info('Secret', 'secrets')],
  lookup: async () => undefined,
} as unknown as Discovery;

// Three ConfigMaps; Secrets cannot be listed (RBAC forbids it, as it often does for a deployer).
const client = {
  call: async (spec: RequestSpec) => {
    if (spec.path.endsWith('/secrets')) throw Object.assign(new Error('secrets is forbidden'), { status: 403 });
    return { items: [{}], metadata: { remainingItemCount: 2 } };
  },
} as unknown as KubeClient;

const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } };

test('a namespace whose contents cannot all be listed is not said to hold a number it does not know', async () => {
  const cost = (await pruneCosts(new LiveCluster(client, discovery), [ns])).get(ns)!;
  assert.doesNotMatch(cost, /with it: 3 objects/);
  assert.match(cost, /an unknown number of objects/);
  assert.match(cost, /at least 3; 3 ConfigMap; could not list Secret/);
});

test('a namespace counted in full says how many objects it takes', async () => {
  const all = { call: async () => ({ items: [{}], metadata: { remainingItemCount: 2 } }) } as unknown as KubeClient;
  assert.match((await pruneCosts(new LiveCluster(all, discovery), [ns])).get(ns)!, /with it: 6 objects \(3 ConfigMap, 3 Secret\)/);
});

test('a claim bound to a volume that cannot be read is not said to be unbound', async () => {
  const pvInfo: ResourceInfo = { group: '', version: 'v1', kind: 'PersistentVolume', resource: 'persistentvolumes', namespaced: false, verbs: ['get'] };
  const d = { resources: async () => [], lookup: async () => pvInfo } as unknown as Discovery;
  const forbidden = {
    request: async () => ({ status: 403, body: { message: 'forbidden' } }),
    call: async () => {
      throw new Error('forbidden');
    },
  } as unknown as KubeClient;
  const pvc: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { volumeName: 'pv-1' } };
  const cost = (await pruneCosts(new LiveCluster(forbidden, d), [pvc])).get(pvc)!;
  assert.doesNotMatch(cost, /not bound/);
  assert.match(cost, /volume pv-1, reclaimPolicy unknown/);
});
