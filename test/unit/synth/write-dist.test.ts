import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDist, planDist } from '../../../lib/synth/write-dist.js';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

test('planDist: a first synth writes every file; the same files again are unchanged, a changed one is written', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'lading-dist-')), 'dist');
  const first = files({ 'shop/03-configmap-a.yaml': 'a\n', 'shop/03-configmap-b.yaml': 'b\n', 'web/05-deployment-w.yaml': 'w\n' });
  const plan = await planDist(out, first);
  assert.deepEqual(plan.write, ['shop/03-configmap-a.yaml', 'shop/03-configmap-b.yaml', 'web/05-deployment-w.yaml']);
  assert.equal(plan.unchanged, 0);
  assert.equal(plan.recorded, false);
  await applyDist(out, first, plan);
  assert.equal(readFileSync(join(out, 'web', '05-deployment-w.yaml'), 'utf8'), 'w\n');

  const again = await planDist(out, first);
  assert.deepEqual([again.write, again.remove, again.unchanged, again.manifestChanged], [[], [], 3, false]);
  const changed = files({ 'shop/03-configmap-a.yaml': 'a2\n', 'shop/03-configmap-b.yaml': 'b\n', 'shop/03-configmap-c.yaml': 'c\n' });
  const next = await planDist(out, changed);
  assert.deepEqual([next.write, next.remove, next.unchanged], [['shop/03-configmap-a.yaml', 'shop/03-configmap-c.yaml'], ['web/05-deployment-w.yaml'], 1]);
});

test('planDist: a link is found below a folder that exists, whatever was missing before it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'lading-dist-'));
  const outside = mkdtempSync(join(tmpdir(), 'lading-outside-'));
  mkdirSync(join(root, 'dist', 'shop'), { recursive: true });
  symlinkSync(outside, join(root, 'dist', 'web'));
  writeFileSync(join(outside, 'x.yaml'), 'precious\n');
  symlinkSync(join(outside, 'x.yaml'), join(root, 'dist', 'shop', '03-configmap-x.yaml'));
  const missingFirst = files({ 'new/03-configmap-a.yaml': '', 'new/03-configmap-b.yaml': '', 'web/05-deployment-w.yaml': '' });
  await assert.rejects(planDist(join(root, 'dist'), missingFirst), /dist\/web is a symbolic link/);
  await assert.rejects(
    planDist(join(root, 'dist'), files({ 'shop/03-configmap-a.yaml': '', 'shop/03-configmap-x.yaml': '' })),
    /03-configmap-x\.yaml is a symbolic link/,
  );
});
