import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planWaves } from '../../../lib/apply/waves.js';
import { isCustomKind } from '../../../lib/core/custom-kind.js';
import type { ObjectPlan } from '../../../lib/plan/types.js';
import { WAVES, waveIndex } from '../../../lib/synth/kind-order.js';

const planned = (apiVersion: string, kind: string): ObjectPlan => ({
  category: 'create',
  id: kind,
  apiVersion,
  kind,
  name: kind.toLowerCase(),
  before: '',
  after: '',
  drift: [],
  conflicts: [],
});

test('kinds a CRD installs in a *.k8s.io group (Gateway API, VolumeSnapshot) are custom; built-in kinds are not', () => {
  assert.equal(isCustomKind('gateway.networking.k8s.io/v1', 'HTTPRoute'), true);
  assert.equal(isCustomKind('snapshot.storage.k8s.io/v1', 'VolumeSnapshot'), true);
  assert.equal(isCustomKind('cert-manager.io/v1', 'Certificate'), true);
  assert.equal(isCustomKind('networking.k8s.io/v1', 'Ingress'), false);
  assert.equal(isCustomKind('apps/v1', 'Deployment'), false);
  assert.equal(isCustomKind('v1', 'Widget'), false, 'the core group holds no CRD');
  assert.equal(isCustomKind('things.k8s.io/v1', 'Thing', new Set(['things.k8s.io/v1|Thing'])), true);
});

test('synth and apply put a Gateway API route in the same wave', () => {
  const synthWave = WAVES[waveIndex()('HTTPRoute', isCustomKind('gateway.networking.k8s.io/v1', 'HTTPRoute'))]!.name;
  const applyWave = planWaves([planned('gateway.networking.k8s.io/v1', 'HTTPRoute')]).writes[0]!.name;
  assert.equal(synthWave, 'custom-resources');
  assert.equal(applyWave, synthWave);
});

test('a waves table with one wave more or one less still orders every object', () => {
  const more = [{ name: 'first', kinds: ['PriorityClass'] }, ...WAVES];
  assert.deepEqual(
    planWaves([planned('v1', 'Service'), planned('example.com/v1', 'Widget'), planned('v1', 'Unknown')], new Set(), more).writes.map((w) => w.name),
    ['services', 'other', 'custom-resources'],
  );
  const fewer = WAVES.filter((w) => w.name !== 'custom-resources');
  assert.deepEqual(
    planWaves([planned('v1', 'Namespace'), planned('example.com/v1', 'Widget')], new Set(), fewer).writes.map((w) => [w.name, w.objects.length]),
    [
      ['namespaces', 1],
      ['other', 1],
    ],
  );
  const two = [
    { name: 'first', kinds: ['Namespace'] },
    { name: 'rest', kinds: [] },
  ];
  assert.deepEqual(
    planWaves([planned('v1', 'Namespace'), planned('v1', 'Service')], new Set(), two).writes.map((w) => w.name),
    ['first', 'rest'],
  );
});
