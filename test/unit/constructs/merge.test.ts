import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeDefaults } from '../../../lib/constructs/merge.js';

test('mergeDefaults: objects merge at every depth, scalars and arrays replace, undefined keeps, null removes', () => {
  const base = { a: 1, b: { c: 2, d: [1, 2], e: { f: 3 } } };
  assert.deepEqual(mergeDefaults(base, { b: { c: 9 } }), { a: 1, b: { c: 9, d: [1, 2], e: { f: 3 } } });
  assert.deepEqual(mergeDefaults(base, { b: { d: [7] } }), { a: 1, b: { c: 2, d: [7], e: { f: 3 } } });
  assert.deepEqual(mergeDefaults(base, { a: undefined, b: { e: null } }), { a: 1, b: { c: 2, d: [1, 2] } });
  assert.deepEqual(mergeDefaults(base, { b: null }), { a: 1 });
  assert.equal(mergeDefaults(base, null), undefined);
  assert.deepEqual(mergeDefaults({ x: false }, { y: false }), { x: false, y: false }, 'false is a value, not a removal');
  assert.deepEqual(base, { a: 1, b: { c: 2, d: [1, 2], e: { f: 3 } } }, 'the base is not changed');
});

test('mergeDefaults: fields that exclude each other (a budget, a probe handler) replace one another', () => {
  assert.deepEqual(mergeDefaults({ maxUnavailable: 1 }, { minAvailable: 2 }), { minAvailable: 2 });
  assert.deepEqual(mergeDefaults({ tcpSocket: { port: 'http' }, periodSeconds: 5 }, { httpGet: { path: '/' } }), { httpGet: { path: '/' }, periodSeconds: 5 });
});

test('mergeDefaults: a function or class instance is a value (replaced, not merged)', () => {
  const fn = () => 'k';
  const out = mergeDefaults({ externalSecret: { store: 'a', refreshInterval: '1h' } }, { externalSecret: { remoteKey: fn } }) as {
    externalSecret: Record<string, unknown>;
  };
  assert.deepEqual(out.externalSecret, { store: 'a', refreshInterval: '1h', remoteKey: fn });
});
