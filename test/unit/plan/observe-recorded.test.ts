// observe and the plan, driven by answers recorded from the real control plane
// (test/support/record-engine.ts wrote test/fixtures/recorded/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replay } from '../../support/replay.js';

test('a field another manager set is a conflict naming that manager and the field, and the plan shows the forced result', async () => {
  const { outcome, cluster } = await replay('conflict');
  const settings = outcome.plan.objects.find((o) => o.name === 'settings')!;
  assert.equal(settings.category, 'change');
  assert.deepEqual(settings.conflicts, [{ path: 'data.mode', manager: 'other-tool' }]);
  assert.match(settings.after, /mode: safe/);
  // The dry-run failed with 409, then was asked again with force.
  const dryRuns = cluster.callsOf('apply').filter((a) => (a[2] as { dryRun?: boolean } | undefined)?.dryRun);
  assert.deepEqual(
    dryRuns.map((a) => (a[2] as { force?: boolean }).force === true),
    [false, true],
  );
});

test("a dry-run refused because a field is immutable plans a replace, with the server's reason", async () => {
  const { outcome } = await replay('immutable-replace');
  const frozen = outcome.plan.objects.find((o) => o.name === 'frozen')!;
  assert.equal(frozen.category, 'replace');
  assert.match(frozen.reason ?? '', /immutable/i);
});

test('an object exactly as this application applied it is proven unchanged without a dry-run', async () => {
  const { outcome, cluster } = await replay('unchanged');
  const same = outcome.plan.objects.find((o) => o.name === 'same')!;
  assert.equal(same.category, 'unchanged');
  assert.equal(same.provenUnchanged, true);
  assert.equal(cluster.callsOf('apply').length, 0, 'no dry-run, no write');
});

test('a member no longer desired is a prune candidate; desired members are not', async () => {
  const { outcome } = await replay('prune');
  assert.deepEqual(
    outcome.plan.objects.map((o) => [o.name, o.category]),
    [
      ['keep', 'unchanged'],
      ['old', 'prune'],
    ],
  );
});
