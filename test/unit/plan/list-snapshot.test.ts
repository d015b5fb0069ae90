import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterApi, ListOptions, ResourceInfo } from '../../../lib/core/cluster-api.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { equalitySelector, ListSnapshot } from '../../../lib/plan/list-snapshot.js';

const secrets: ResourceInfo = { group: '', version: 'v1', kind: 'Secret', resource: 'secrets', namespaced: true, verbs: [] };
const obj = (name: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'a', ...(labels ? { labels } : {}) },
});
const live = [obj('one', { set: 's1', tier: 'web' }), obj('two', { set: 's2' }), obj('three'), obj('four', { set: '' })];

// A cluster that answers LISTs from `live` (label selectors as `k=v` only) and counts them.
function fake() {
  const calls: { namespace: string | undefined; options: ListOptions }[] = [];
  const cluster = {
    async list(_info: ResourceInfo, namespace: string | undefined, options: ListOptions = {}) {
      calls.push({ namespace, options });
      if (options.labelSelector === 'broken') throw new Error('boom');
      return live;
    },
  } as unknown as ClusterApi;
  return { cluster, calls };
}

test('a whole LIST of a resource in a namespace is sent once per snapshot', async () => {
  const { cluster, calls } = fake();
  const snap = new ListSnapshot(cluster);
  const [a, b] = await Promise.all([snap.list(secrets, 'a'), snap.list(secrets, 'a')]);
  assert.equal(a, b);
  await snap.list(secrets, 'b');
  assert.deepEqual(
    calls.map((c) => c.namespace),
    ['a', 'b'],
  );
  // A new snapshot (the next plan) reads again.
  await new ListSnapshot(cluster).list(secrets, 'a');
  assert.equal(calls.length, 3);
});

test('a LIST by labels after a whole LIST is answered from it, as the API server selects', async () => {
  const { cluster, calls } = fake();
  const snap = new ListSnapshot(cluster);
  await snap.list(secrets, 'a');
  const names = async (labelSelector: string) => (await snap.list(secrets, 'a', { labelSelector })).map((o) => o.metadata?.name);
  assert.deepEqual(await names('set=s1'), ['one']);
  assert.deepEqual(await names('set==s1,tier=web'), ['one']);
  assert.deepEqual(await names('set='), ['four']);
  assert.equal(calls.length, 1);
  // Set-based selectors, metadata-only and one-page reads, other namespaces: sent as asked.
  await snap.list(secrets, 'a', { labelSelector: 'set in (s1)' });
  await snap.list(secrets, 'a', { labelSelector: 'set=s1', metadataOnly: true });
  await snap.list(secrets, 'a', { limit: 1 });
  await snap.list(secrets, 'z', { labelSelector: 'set=s1' });
  assert.equal(calls.length, 5);
});

test('a LIST by labels before any whole LIST goes to the server; a failed whole LIST is not remembered', async () => {
  const { cluster, calls } = fake();
  const snap = new ListSnapshot(cluster);
  await snap.list(secrets, 'a', { labelSelector: 'set=s1' });
  assert.equal(calls.length, 1);
  let fail = true;
  const flaky = {
    async list() {
      if (fail) throw new Error('reset');
      return live;
    },
  } as unknown as ClusterApi;
  const s2 = new ListSnapshot(flaky);
  await assert.rejects(s2.list(secrets, 'a'), /reset/);
  fail = false;
  assert.equal((await s2.list(secrets, 'a')).length, 4);
});

test('equalitySelector reads k=v and k==v terms, nothing else', () => {
  assert.deepEqual(equalitySelector('a=b, c==d'), [
    ['a', 'b'],
    ['c', 'd'],
  ]);
  assert.deepEqual(equalitySelector('applyset.kubernetes.io/part-of=applyset-x-v1'), [['applyset.kubernetes.io/part-of', 'applyset-x-v1']]);
  for (const s of ['a!=b', 'a in (b)', 'a', '!a', 'a=b,c notin (d)']) assert.equal(equalitySelector(s), undefined, s);
});
