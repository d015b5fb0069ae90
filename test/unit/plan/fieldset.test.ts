import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type FieldSet, jsonEqual, leafPaths, ownedEqual, pick, subtract, union } from '../../../lib/plan/fieldset.js';

const deployment = {
  metadata: { name: 'web', labels: { app: 'web', team: 'a' }, annotations: { note: 'x' } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1',
            ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }],
            env: [
              { name: 'A', value: '1' },
              { name: 'DEBUG', value: 'true' },
            ],
          },
          { name: 'sidecar', image: 'envoy:1' },
        ],
      },
    },
  },
};

const ladingFields: FieldSet = {
  'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
  'f:spec': {
    'f:template': {
      'f:spec': {
        'f:containers': {
          'k:{"name":"web"}': {
            '.': {},
            'f:name': {},
            'f:image': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:name': {} } },
            'f:env': { 'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
          },
        },
      },
    },
  },
};

describe('pick', () => {
  test('keeps exactly the owned fields, matching list items by key', () => {
    assert.deepEqual(pick(deployment, ladingFields), {
      metadata: { labels: { app: 'web' } },
      spec: {
        template: { spec: { containers: [{ name: 'web', image: 'nginx:1', ports: [{ containerPort: 80, name: 'http' }], env: [{ name: 'A', value: '1' }] }] } },
      },
    });
  });
  test('a leaf takes the whole value; set items match by value', () => {
    assert.deepEqual(pick({ a: { b: [1, 2] }, s: ['x', 'y'] }, { 'f:a': {}, 'f:s': { 'v:"y"': {} } }), { a: { b: [1, 2] }, s: ['y'] });
  });
});

describe('field set algebra', () => {
  test('subtract leaves what only the first set owns; leafPaths renders keys readably', () => {
    const kubectl: FieldSet = {
      'f:metadata': { 'f:labels': { 'f:team': {}, 'f:app': {} } },
      'f:spec': {
        'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:env': { 'k:{"name":"DEBUG"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } } } },
      },
    };
    assert.deepEqual(leafPaths(subtract(kubectl, ladingFields)), [
      'metadata.labels.team',
      'spec.template.spec.containers[name=web].env[name=DEBUG].name',
      'spec.template.spec.containers[name=web].env[name=DEBUG].value',
    ]);
  });
  test('union merges nested sets', () => {
    assert.deepEqual(union({ 'f:a': { 'f:b': {} } }, { 'f:a': { 'f:c': {} }, 'f:d': {} }), { 'f:a': { 'f:b': {}, 'f:c': {} }, 'f:d': {} });
  });
  test('jsonEqual ignores key order and undefined, not list order', () => {
    assert.ok(jsonEqual({ a: 1, b: [1, 2], c: undefined }, { b: [1, 2], a: 1 }));
    assert.ok(!jsonEqual({ b: [1, 2] }, { b: [2, 1] }));
    assert.ok(!jsonEqual({ a: 1 }, { a: 1, b: 2 }));
  });
});

describe('ownedEqual', () => {
  // A seeded generator of live-like values, field sets over them (f:, k:, v:, i: keys, some naming
  // absent fields) and wanted values: picked, picked then changed, or unrelated.
  function generator(seed: number) {
    let s = seed;
    const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pickOne = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const scalar = () => pickOne<unknown>(['a', 'b', '', 0, 1, true, false, null]);
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth <= 0 || r < 0.3) return scalar();
      if (r < 0.6)
        return Array.from({ length: Math.floor(rand() * 4) }, () => (rand() < 0.6 ? { name: pickOne(['x', 'y', 'z']), v: value(depth - 1) } : scalar()));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [pickOne(['a', 'b', 'c', 'name']), value(depth - 1)]));
    };
    const fieldSet = (v: unknown, depth: number): FieldSet => {
      if (depth <= 0 || rand() < 0.25) return rand() < 0.5 ? {} : { '.': {} };
      const out: Record<string, FieldSet> = {};
      if (Array.isArray(v)) {
        v.forEach((item, i) => {
          const r = rand();
          if (r < 0.3 && item && typeof item === 'object' && 'name' in item)
            out[`k:${JSON.stringify({ name: (item as { name: string }).name })}`] = fieldSet(item, depth - 1);
          else if (r < 0.5) out[`v:${JSON.stringify(item)}`] = {};
          else if (r < 0.7) out[`i:${i}`] = fieldSet(item, depth - 1);
        });
        if (rand() < 0.2) out['k:{"name":"w"}'] = { '.': {} };
        return out;
      }
      const keys = v && typeof v === 'object' ? Object.keys(v) : [];
      for (const k of [...keys, 'gone']) if (rand() < 0.6) out[`f:${k}`] = fieldSet((v as Record<string, unknown>)?.[k], depth - 1);
      return out;
    };
    const change = (v: unknown): unknown => {
      if (rand() < 0.3) return value(2);
      if (Array.isArray(v)) return rand() < 0.5 ? v.slice(1) : [...v.map(change)];
      if (v && typeof v === 'object') {
        const o = { ...(v as Record<string, unknown>) };
        const k = pickOne([...Object.keys(o), 'extra']);
        if (rand() < 0.3) delete o[k];
        else if (rand() < 0.5) o[k] = undefined;
        else o[k] = change(o[k]);
        return o;
      }
      return scalar();
    };
    return { value, fieldSet, change, rand };
  }

  test('agrees with jsonEqual(pick(value, fs), wanted) over generated values, field sets and wanted values', () => {
    let equal = 0;
    for (let seed = 1; seed <= 20_000; seed++) {
      const g = generator(seed);
      const live = g.value(4);
      const fs = g.fieldSet(live, 4);
      const picked = pick(live, fs);
      const r = g.rand();
      const wanted = r < 0.4 ? structuredClone(picked) : r < 0.85 ? g.change(structuredClone(picked)) : g.value(3);
      const expected = jsonEqual(picked, wanted);
      if (expected) equal++;
      assert.equal(ownedEqual(live, fs, wanted), expected, `seed ${seed}: ${JSON.stringify({ live, fs, wanted })}`);
    }
    assert.ok(equal > 5_000 && equal < 15_000, `both outcomes are exercised (${equal} equal)`);
  });
});
