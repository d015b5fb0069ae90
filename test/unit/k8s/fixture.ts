// A tiny handmade set of OpenAPI definitions that exercises every feature of the model.

import type { OpenApiDocument } from '../../../lib/k8s/model/openapi.js';
import type { Overlay } from '../../../lib/k8s/model/overlay.js';

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });

export const FIXTURE: OpenApiDocument = {
  definitions: {
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
    'io.k8s.api.demo.v1.Port': {
      description: 'Port is a port. It has more words.',
      required: ['containerPort'],
      properties: {
        containerPort: { type: 'integer', format: 'int32' },
        protocol: { type: 'string' },
        target: ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString'),
      },
    },
    'io.k8s.api.demo.v1.Box': {
      required: ['name'],
      properties: {
        name: { type: 'string', description: 'Name of the box, e.g. big. Must be unique.' },
        policy: { type: 'string' },
        size: { type: 'integer', format: 'int64' },
        ratio: { type: 'number', format: 'double' },
        enabled: { type: 'boolean' },
        data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
        limits: { type: 'object', additionalProperties: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') },
        createdAt: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time'),
        ports: {
          type: 'array',
          items: ref('io.k8s.api.demo.v1.Port'),
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
          'x-kubernetes-patch-merge-key': 'containerPort',
          'x-kubernetes-patch-strategy': 'merge',
        },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        children: { type: 'array', items: ref('io.k8s.api.demo.v1.Box') },
        raw: { type: 'object' },
      },
    },
    'io.k8s.api.demo.v1.BoxOrList': { oneOf: [ref('io.k8s.api.demo.v1.Box'), { type: 'array', items: ref('io.k8s.api.demo.v1.Box') }] },
    'io.k8s.api.demo.v1.Crate': {
      description: 'Crate is a kind.',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string', enum: ['Crate'] },
        spec: ref('io.k8s.api.demo.v1.Box'),
        status: ref('io.k8s.api.demo.v1.Box'),
      },
      'x-kubernetes-group-version-kind': [{ group: 'demo.example.com', version: 'v1', kind: 'Crate' }],
    },
    'io.k8s.api.demo.v2.Crate': {
      properties: { apiVersion: { type: 'string' }, kind: { type: 'string' } },
      'x-kubernetes-group-version-kind': [{ group: 'demo.example.com', version: 'v2', kind: 'Crate' }],
    },
  },
};

export const FIXTURE_OVERLAY: Overlay = {
  enumOf: (d, p) => (d === 'io.k8s.api.demo.v1.Box' && p === 'policy' ? ['Always', 'Never'] : undefined),
  defaultOf: (d, p) => (d === 'io.k8s.api.demo.v1.Port' && p === 'protocol' ? 'TCP' : undefined),
};
