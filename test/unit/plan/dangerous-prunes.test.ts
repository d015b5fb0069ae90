import { test } from 'node:test';
import assert from 'node:assert/strict';
import { takenAlong } from '../../../lib/plan/dangerous-prunes.js';
import type { KubeObject } from '../../../lib/manifest/object.js';

const kept = [
  { id: 'configmap/keep', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop' },
  { id: 'widget.example.com/w1', apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'shop' },
  { id: 'clusterrole/r', apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
];

test('a pruned namespace takes the desired objects in it, and the inventory living there', () => {
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
  assert.deepEqual(takenAlong(ns, kept), ['configmap/keep', 'widget.example.com/w1']);
  assert.deepEqual(takenAlong({ ...ns, metadata: { name: 'home' } }, [], 'home'), ["this application's inventory and history"]);
  assert.deepEqual(takenAlong({ ...ns, metadata: { name: 'other' } }, kept, 'home'), []);
});

test('a pruned CRD takes the desired custom resources of its kind; other prunes take nothing desired', () => {
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', names: { kind: 'Widget' } },
  };
  assert.deepEqual(takenAlong(crd, kept), ['widget.example.com/w1 -n shop']);
  assert.deepEqual(takenAlong({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop' } }, kept, 'shop'), []);
});
