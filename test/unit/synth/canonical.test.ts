import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalize } from '../../../lib/manifest/canonical.js';
import { layoutFiles } from '../../../lib/synth/layout.js';
import { WAVES, waveIndex } from '../../../lib/synth/kind-order.js';

test('canonical key order: apiVersion, kind, metadata, then alphabetical; name first in every mapping; lists kept', () => {
  const out = canonicalize({
    spec: { z: 1, a: [{ image: 'x', name: 'web' }] },
    metadata: { labels: {}, name: 'n' },
    kind: 'K',
    apiVersion: 'v1',
    data: undefined,
  });
  assert.equal(JSON.stringify(out), '{"apiVersion":"v1","kind":"K","metadata":{"name":"n","labels":{}},"spec":{"a":[{"name":"web","image":"x"}],"z":1}}');
});

test('waves follow the ordering table; unknown kinds go to "other", custom resources last', () => {
  const wave = waveIndex();
  const names = (k: string, custom = false) => WAVES[wave(k, custom)]!.name;
  assert.deepEqual(
    ['Namespace', 'CustomResourceDefinition', 'Role', 'Secret', 'Service', 'Deployment', 'HorizontalPodAutoscaler'].map((k) => names(k)),
    ['namespaces', 'definitions', 'identity', 'config', 'services', 'workloads', 'policies'],
  );
  assert.equal(names('Lease'), 'other');
  assert.equal(names('Widget', true), 'custom-resources');
});

test('one file per object, named by wave, kind and name; the namespace joins only on a clash', () => {
  const obj = (kind: string, name: string, namespace?: string) => ({ app: 'shop', wave: 5, object: { apiVersion: 'v1', kind, metadata: { name, namespace } } });
  assert.deepEqual(layoutFiles([obj('Deployment', 'web', 'a'), obj('Deployment', 'web', 'b'), obj('Service', 'web', 'a')]), [
    'shop/05-deployment-web.a.yaml',
    'shop/05-deployment-web.b.yaml',
    'shop/05-service-web.yaml',
  ]);
});
