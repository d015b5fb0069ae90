import assert from 'node:assert/strict';
import { test } from 'node:test';
import { libraryDiff, unifiedDiff } from '../../../lib/plan/report.js';
import type { ObjectPlan } from '../../../lib/plan/types.js';

// unifiedDiff writes created and pruned objects out directly; the diff library's own patch (what it
// printed for every object before) is the reference.
test('the diff of a created or pruned object is the diff library’s, byte for byte (generated texts)', () => {
  let seed = 11;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pieces = ['a: 1', '', '  - x', 'b: "q"', ' ', 'c:  ', '\\', '+', '-', 'key: |', '    text'];
  for (let round = 0; round < 3000; round++) {
    const lines = Array.from({ length: random(8) }, () => pieces[random(pieces.length)]!);
    const text = lines.join('\n') + (random(2) ? '\n' : '');
    if (!text) continue;
    const namespace = random(2) ? 'shop' : undefined;
    for (const [before, after] of [
      ['', text],
      [text, ''],
    ] as const) {
      const o = { id: 'configmap/x', namespace, before, after } as unknown as ObjectPlan;
      assert.equal(unifiedDiff(o), libraryDiff(o), JSON.stringify({ before, after }));
    }
  }
});

test('a changed object still gets the diff library’s hunks', () => {
  const o = { id: 'configmap/x', before: 'a: 1\nb: 2\n', after: 'a: 1\nb: 3\n' } as unknown as ObjectPlan;
  assert.equal(unifiedDiff(o), libraryDiff(o));
  assert.match(unifiedDiff(o), /^-b: 2$/m);
});
