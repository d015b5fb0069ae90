import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Include } from '../../../lib/constructs/include.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { synth } from './synth-helper.js';

test('Include: every document of a file (Lists expanded) becomes an object', () => {
  const out = synth((chart) => new Include(chart, 'legacy', { file: 'test/unit/constructs/fixtures/legacy.yaml' }));
  assert.deepEqual(
    out.objects.map((o) => `${o.kind}/${o.metadata?.name}`),
    ['ConfigMap/legacy', 'ServiceAccount/legacy'],
  );
  assertSnapshot(import.meta.url, 'include.yaml', out.yaml);
  assert.throws(() => synth((chart) => new Include(chart, 'x', { file: 'missing.yaml' })), /shop\/x: props\.file: cannot read missing\.yaml/);
});
