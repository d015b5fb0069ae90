import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WriteLedger } from '../../../lib/apply/ledger.js';

test('the ledger tells "nothing written" from "written in part", and lists what was not done', () => {
  const ledger = new WriteLedger();
  ledger.request({ method: 'GET' });
  ledger.request({ method: 'PATCH', query: { dryRun: 'All' } });
  assert.equal(ledger.writes, 0, 'reads and dry-runs are not writes');
  ledger.request({ method: 'PATCH', query: {} });
  ledger.progress('configmap/a -n x', 'applying');
  ledger.progress('configmap/a -n x', 'configured');
  ledger.progress('configmap/old -n x', 'pruned');
  ledger.progress('configmap/b -n x', 'failed');
  assert.equal(ledger.writes, 1);
  assert.deepEqual(ledger.notDone(['configmap/a -n x', 'configmap/b -n x', 'configmap/c -n x', 'configmap/old -n x']), [
    'configmap/b -n x',
    'configmap/c -n x',
  ]);
  assert.deepEqual(ledger.counts(), { created: 0, changed: 1, replaced: 0, pruned: 1 });
});
