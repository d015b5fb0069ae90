import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type FieldSet, jsonEqual, leafPaths, pick, subtract, union } from '../../../lib/plan/fieldset.js';

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
