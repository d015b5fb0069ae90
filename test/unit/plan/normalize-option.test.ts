import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlan } from '../../../lib/plan/build.js';
import { NORMALIZE_STEPS, type NormalizeStep } from '../../../lib/plan/normalize.js';
import type { KubeObject } from '../../../lib/manifest/object.js';

const manager = 'lading/web@1';
const managedFields = [{ manager, operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } }];
const live: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'x', managedFields, annotations: { 'mesh.example/injected': '1' } },
  data: { a: '1' },
};
const dryRun: KubeObject = { ...live, metadata: { ...live.metadata, annotations: { 'mesh.example/injected': '2' } } };

/** A project's step (lading.config normalize): an annotation a webhook rewrites on every write. */
const dropInjected: NormalizeStep = (o) => {
  const { 'mesh.example/injected': _, ...rest } = o.metadata?.annotations ?? {};
  return { ...o, metadata: { ...o.metadata, annotations: rest } };
};

test("a project's normalization step also decides what counts as unchanged", () => {
  const observation = { desired: live, live, dryRun, manager };
  assert.equal(buildPlan([observation], [], { manager }).objects[0]!.category, 'change');
  assert.equal(buildPlan([observation], [], { manager, normalize: [...NORMALIZE_STEPS, dropInjected] }).objects[0]!.category, 'unchanged');
});
