import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../lib/validate/diagnostic.js';
import { formatGrouped } from '../../../lib/validate/group.js';

const labelError = (name: string): Diagnostic => ({
  severity: 'error',
  rule: 'labels',
  object: `configmap/${name}`,
  origin: { file: 'apps/shop.ts', constructPath: `shop/${name}/Resource` },
  path: ['metadata', 'labels', 'team name'],
  message: 'invalid label key "team name": name part must consist of letters',
});

test('one problem repeated once per object is one line listing the objects', () => {
  assert.deepEqual(formatGrouped([labelError('a'), labelError('b'), labelError('c')]), [
    'apps/shop.ts shop/a/Resource configmap/a, apps/shop.ts shop/b/Resource configmap/b, apps/shop.ts shop/c/Resource configmap/c: metadata.labels["team name"]: invalid label key "team name": name part must consist of letters',
  ]);
});

test('different problems stay apart, in the order they came', () => {
  const other: Diagnostic = { ...labelError('b'), message: 'something else' };
  const warning: Diagnostic = { ...labelError('c'), severity: 'warning' };
  assert.deepEqual(
    formatGrouped([labelError('a'), other, warning]).map((l) => l.split(' ')[1]),
    ['shop/a/Resource', 'shop/b/Resource', 'shop/c/Resource'],
  );
  assert.match(formatGrouped([warning])[0]!, /: warning: invalid label key/);
});
