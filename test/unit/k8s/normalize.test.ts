import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Definition } from '../../../lib/k8s/model/ir.js';
import { normalize } from '../../../lib/k8s/model/normalize.js';
import { FIXTURE, FIXTURE_OVERLAY } from './fixture.js';

const model = normalize('9.9', FIXTURE, FIXTURE_OVERLAY);
const def = (id: string): Definition => model.definitions.find((d) => d.id === id)!;
const prop = (id: string, name: string) => def(id).properties!.find((p) => p.name === name)!;
const BOX = 'io.k8s.api.demo.v1.Box';

describe('normalize', () => {
  it('names the preferred version plainly and qualifies the other', () => {
    assert.equal(def('io.k8s.api.demo.v2.Crate').name, 'Crate');
    assert.equal(def('io.k8s.api.demo.v1.Crate').name, 'CrateV1');
  });

  it('keeps required fields and formats', () => {
    assert.equal(prop(BOX, 'name').required, true);
    assert.equal(prop(BOX, 'policy').required, false);
    assert.deepEqual(prop(BOX, 'size').shape, { type: 'integer', format: 'int64' });
    assert.deepEqual(prop('io.k8s.api.demo.v1.Port', 'containerPort').shape, { type: 'integer', format: 'int32' });
    assert.deepEqual(prop(BOX, 'data').shape, { type: 'map', values: { type: 'string', format: 'byte' } });
    assert.deepEqual(def('io.k8s.apimachinery.pkg.apis.meta.v1.Time').alias, { type: 'string', format: 'date-time' });
    assert.deepEqual(prop(BOX, 'raw').shape, { type: 'free-object' });
  });

  it('reads quantity and int-or-string definitions', () => {
    assert.deepEqual(def('io.k8s.apimachinery.pkg.api.resource.Quantity').alias, { type: 'quantity' });
    assert.deepEqual(def('io.k8s.apimachinery.pkg.util.intstr.IntOrString').alias, { type: 'int-or-string' });
  });

  it('merges enums and key defaults from the overlay', () => {
    assert.deepEqual(prop(BOX, 'policy').shape, { type: 'string', enum: ['Always', 'Never'] });
    assert.deepEqual(prop(BOX, 'ports').shape.type === 'array' && prop(BOX, 'ports').shape, {
      type: 'array',
      items: { type: 'ref', target: 'io.k8s.api.demo.v1.Port' },
      list: {
        type: 'map',
        keys: ['containerPort', 'protocol'],
        keyDefaults: { protocol: 'TCP' },
        mergeKey: 'containerPort',
        patchStrategy: 'merge',
      },
    });
    assert.deepEqual(prop(BOX, 'tags').shape, { type: 'array', items: { type: 'string' }, list: { type: 'set' } });
  });

  it("fixes a kind's apiVersion and kind, and loosens its status", () => {
    const crate = 'io.k8s.api.demo.v1.Crate';
    assert.deepEqual(prop(crate, 'apiVersion').shape, { type: 'string', enum: ['demo.example.com/v1'] });
    assert.equal(prop(crate, 'apiVersion').required, true);
    assert.deepEqual(prop(crate, 'kind').shape, { type: 'string', enum: ['Crate'] });
    assert.equal(prop(crate, 'status').loose, true);
    assert.equal(prop(BOX, 'children').loose, undefined);
  });

  it('orders definitions after what they refer to and marks the cycle lazy', () => {
    const index = (id: string) => model.definitions.findIndex((d) => d.id === id);
    assert.ok(index('io.k8s.api.demo.v1.Port') < index(BOX));
    assert.ok(index(BOX) < index('io.k8s.api.demo.v1.Crate'));
    assert.deepEqual(prop(BOX, 'children').shape, { type: 'array', items: { type: 'ref', target: BOX, lazy: true } });
    assert.deepEqual(prop(BOX, 'createdAt').shape, { type: 'ref', target: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time' });
  });
});

describe('normalize: embedded objects', () => {
  const kind = (group: string, version: string, k: string, properties: Record<string, unknown>) => ({
    type: 'object',
    'x-kubernetes-group-version-kind': [{ group, version, kind: k }],
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, ...properties },
  });
  const doc = {
    definitions: {
      'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta': { type: 'object', properties: { continue: { type: 'string' } } },
      'io.k8s.api.demo.v1.Claim': kind('', 'v1', 'Claim', { size: { type: 'string' } }),
      'io.k8s.api.demo.v1.ClaimList': kind('', 'v1', 'ClaimList', {
        metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta' },
        items: { type: 'array', items: { $ref: '#/definitions/io.k8s.api.demo.v1.Claim' } },
      }),
      'io.k8s.api.demo.v1.SetSpec': {
        type: 'object',
        properties: {
          claimTemplates: { type: 'array', items: { $ref: '#/definitions/io.k8s.api.demo.v1.Claim' } },
          marked: { $ref: '#/definitions/io.k8s.api.demo.v1.Claim', 'x-kubernetes-embedded-resource': true },
        },
      },
    },
  };
  const m = normalize('9.9', doc);
  const find = (id: string) => m.definitions.find((d) => d.id === id)!;

  it('a field holding a kind refers to a variant whose apiVersion and kind are optional', () => {
    const spec = find('io.k8s.api.demo.v1.SetSpec');
    const target = 'io.k8s.api.demo.v1.Claim#embedded';
    assert.deepEqual(spec.properties!.find((p) => p.name === 'claimTemplates')!.shape, { type: 'array', items: { type: 'ref', target } });
    assert.deepEqual(spec.properties!.find((p) => p.name === 'marked')!.shape, { type: 'ref', target });
    const variant = find(target);
    assert.equal(variant.name, 'EmbeddedClaim');
    assert.deepEqual(variant.gvk, []);
    assert.deepEqual(
      variant.properties!.map((p) => [p.name, p.required]),
      [
        ['apiVersion', false],
        ['kind', false],
        ['size', false],
      ],
    );
  });

  it('the kind itself keeps apiVersion and kind required; a list refers to the kind (lists are expanded)', () => {
    assert.deepEqual(
      find('io.k8s.api.demo.v1.Claim')
        .properties!.filter((p) => p.required)
        .map((p) => p.name),
      ['apiVersion', 'kind'],
    );
    const items = find('io.k8s.api.demo.v1.ClaimList').properties!.find((p) => p.name === 'items')!.shape;
    assert.deepEqual(items, { type: 'array', items: { type: 'ref', target: 'io.k8s.api.demo.v1.Claim' } });
  });
});
