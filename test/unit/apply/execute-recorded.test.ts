// execute, driven by answers recorded from the real control plane
// (test/support/record-engine.ts wrote test/fixtures/recorded/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeleteOptions } from '../../../lib/core/cluster-api.js';
import { replay } from '../../support/replay.js';

test("with --force-conflicts the change is applied with force as the application's manager", async () => {
  const { outcome, cluster } = await replay('conflict');
  assert.equal(outcome.result!.changed, 1);
  assert.deepEqual(outcome.result!.failures, []);
  const writes = cluster.callsOf('apply').filter((a) => !(a[2] as { dryRun?: boolean } | undefined)?.dryRun);
  const object = writes.find((a) => (a[1] as { kind: string }).kind === 'ConfigMap' && (a[1] as { metadata: { name: string } }).metadata.name === 'settings')!;
  assert.equal((object[2] as { force?: boolean }).force, true);
});

test('a replace deletes the very object (uid, foreground), waits until it is gone, then applies it again', async () => {
  const { outcome, cluster } = await replay('immutable-replace');
  assert.equal(outcome.result!.replaced, 1);
  assert.deepEqual(outcome.result!.failures, []);
  const [del] = cluster.callsOf('delete');
  const options = del![3] as DeleteOptions;
  assert.equal(options.propagationPolicy, 'Foreground');
  assert.ok(options.preconditions?.uid, 'a uid precondition');
  const order = cluster.sent.map((s) => s.call);
  assert.ok(order.lastIndexOf('apply') > order.indexOf('delete'), 're-created after the delete');
});

test('prune re-reads the candidate and deletes it with uid and resourceVersion preconditions', async () => {
  const { outcome, cluster } = await replay('prune');
  assert.equal(outcome.result!.pruned, 1);
  const del = cluster.callsOf('delete').find((a) => a[2] === 'old')!;
  const pre = (del[3] as DeleteOptions).preconditions!;
  assert.ok(pre.uid && pre.resourceVersion);
});

test('a delete whose resourceVersion changed since the check is refused by the server and reported, nothing deleted', async () => {
  const { outcome } = await replay('prune');
  assert.match(outcome.error ?? '', /changed between the check and the delete: not pruned/);
});

test('a delete guarded by the uid of an object since replaced by a namesake deletes nothing', async () => {
  const { outcome, cluster } = await replay('prune');
  assert.equal(outcome.deletedNamesake, false);
  assert.equal(cluster.callsOf('delete').filter((a) => a[2] === 'keep').length, 2);
});

test('a candidate relabelled between plan and execute is not pruned, and is named', async () => {
  const { outcome, cluster } = await replay('prune-relabelled');
  assert.equal(outcome.result!.pruned, 0);
  assert.equal(cluster.callsOf('delete').length, 0);
  assert.match(outcome.result!.failures.join('\n'), /configmap\/taken -n lading-rec-relabel: no longer a member applied by this application/);
  assert.deepEqual(outcome.result!.notDone, ['configmap/taken -n lading-rec-relabel']);
});

test('an unchanged application sends no write', async () => {
  const { outcome } = await replay('unchanged');
  assert.equal(outcome.result!.writes, 0);
});
