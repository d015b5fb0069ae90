import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildPlan } from '../../../lib/plan/build.js';
import { differingFields } from '../../../lib/plan/differences.js';
import { fieldsOf } from '../../../lib/plan/fieldset.js';
import type { KubeObject } from '../../../lib/manifest/object.js';

// Responses recorded from the test control plane (see the file's "recorded" line).
const recorded = JSON.parse(readFileSync(new URL('./recorded/secret-stringdata.json', import.meta.url), 'utf8')) as {
  desired: KubeObject;
  live: KubeObject;
  dryRunChanged: KubeObject;
  dryRunSame: KubeObject;
};
const manager = 'lading/shop@rec1';

test('differingFields names the fields whose values differ, at any depth; lists as one leaf', () => {
  assert.deepEqual(differingFields({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { a: 1, b: { c: 2, d: 4 }, l: [1, 3], n: 'x' }), {
    'f:b': { 'f:d': {} },
    'f:l': {},
    'f:n': {},
  });
  assert.deepEqual(differingFields({ a: { b: 1 } }, { a: { b: 1 } }), {});
  assert.deepEqual(differingFields({ a: { b: 1 } }, { a: 'x' }), { 'f:a': {} });
});

test('the recorded Secret: lading owns stringData.password, the server stores data.password', () => {
  assert.ok(fieldsOf(recorded.live, manager)?.['f:stringData']);
  assert.equal(recorded.live.stringData, undefined);
});

test('a changed stringData value is a change, shown masked on both sides', () => {
  const plan = buildPlan([{ desired: recorded.desired, live: recorded.live, dryRun: recorded.dryRunChanged, manager }], [], { manager });
  const o = plan.objects[0]!;
  assert.equal(o.category, 'change');
  assert.match(o.before, /password: "\*\*\* \(masked, before\)"/);
  assert.match(o.after, /password: "\*\*\* \(masked, after\)"/);
  assert.doesNotMatch(o.before + o.after, /first-value|second-value|Zmlyc3Qt|c2Vjb25k/);
});

test('the same stringData value again is unchanged', () => {
  const plan = buildPlan([{ desired: recorded.desired, live: recorded.live, dryRun: recorded.dryRunSame, manager }], [], { manager });
  assert.equal(plan.objects[0]!.category, 'unchanged');
});
