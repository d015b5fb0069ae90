import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppNamespace } from '../../../lib/constructs/app-namespace.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { synth } from './synth-helper.js';

test('Namespace: snapshot', () => {
  const out = synth((chart) => new AppNamespace(chart, 'shop', { labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } }));
  assert.deepEqual(out.problems, []);
  assert.equal(out.find('Namespace').metadata?.namespace, undefined);
  assertSnapshot(import.meta.url, 'namespace.yaml', out.yaml);
});
