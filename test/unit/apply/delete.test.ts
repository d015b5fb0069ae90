import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeClient, RequestSpec } from '../../../lib/cluster/client.js';
import type { ResourceInfo } from '../../../lib/cluster/discovery.js';
import { LiveCluster } from '../../../lib/cluster/live-cluster.js';
import { deleteWith } from '../../../lib/apply/delete.js';

const info: ResourceInfo = { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true, verbs: [] };

// A server whose object (uid u1) was relabelled after prune checked it: resourceVersion 8, not 7.
function server(): { client: LiveCluster; deleted: () => boolean } {
  let gone = false;
  const client = {
    request: async (spec: RequestSpec) => {
      const pre = (spec.body as { preconditions?: { uid?: string; resourceVersion?: string } }).preconditions ?? {};
      if ((pre.uid && pre.uid !== 'u1') || (pre.resourceVersion && pre.resourceVersion !== '8')) return { status: 409, body: { message: 'Precondition failed' }, headers: {} };
      gone = true;
      return { status: 200, body: {}, headers: {} };
    },
  } as unknown as KubeClient;
  return { client: new LiveCluster(client, undefined as never), deleted: () => gone };
}

test('prune deletes only the version of the object it checked: a change in between is an error, nothing deleted', async () => {
  const s = server();
  await assert.rejects(deleteWith(s.client, info, 'shop', 'cm', 'u1', 'Background', '7'), /changed between the check and the delete/);
  assert.equal(s.deleted(), false);
  assert.equal(await deleteWith(s.client, info, 'shop', 'cm', 'u1', 'Background', '8'), true);
});

test('a namesake re-created since (another uid) is left alone, as before', async () => {
  const s = server();
  assert.equal(await deleteWith(s.client, info, 'shop', 'cm', 'u0', 'Background'), false);
  assert.equal(s.deleted(), false);
});
