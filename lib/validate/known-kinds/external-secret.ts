import type { StructuralSchema } from '../crd-schema.js';

// Written from the operator's documented ExternalSecret spec (external-secrets.io/v1), trimmed to
// what lading emits and the fields most often set by hand. Unlisted fields are unknown fields
// (an error in strict mode): include the operator's CRD in the input to validate the rest.
const str: StructuralSchema = { type: 'string' };
const name: StructuralSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 253,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
};
const stringMap: StructuralSchema = { type: 'object', additionalProperties: str };
const opaque: StructuralSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const remoteRef: StructuralSchema = {
  type: 'object',
  required: ['key'],
  properties: {
    key: str,
    property: str,
    version: str,
    conversionStrategy: { type: 'string', enum: ['Default', 'Unicode'] },
    decodingStrategy: { type: 'string', enum: ['Auto', 'Base64', 'Base64URL', 'None'] },
    metadataPolicy: { type: 'string', enum: ['None', 'Fetch'] },
  },
};

export const EXTERNAL_SECRET_SCHEMA: StructuralSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        refreshInterval: str,
        refreshPolicy: { type: 'string', enum: ['CreatedOnce', 'Periodic', 'OnChange'] },
        secretStoreRef: {
          type: 'object',
          properties: { name, kind: { type: 'string', enum: ['SecretStore', 'ClusterSecretStore'] } },
        },
        target: {
          type: 'object',
          properties: {
            name,
            creationPolicy: { type: 'string', enum: ['Owner', 'Orphan', 'Merge', 'None'] },
            deletionPolicy: { type: 'string', enum: ['Delete', 'Merge', 'Retain'] },
            immutable: { type: 'boolean' },
            template: {
              type: 'object',
              properties: {
                type: str,
                engineVersion: { type: 'string', enum: ['v2'] },
                mergePolicy: { type: 'string', enum: ['Replace', 'Merge'] },
                metadata: { type: 'object', properties: { labels: stringMap, annotations: stringMap } },
                data: stringMap,
                templateFrom: { type: 'array', items: opaque },
              },
            },
          },
        },
        data: {
          type: 'array',
          items: {
            type: 'object',
            required: ['secretKey', 'remoteRef'],
            properties: {
              secretKey: { type: 'string', minLength: 1, maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$' },
              remoteRef,
              sourceRef: opaque,
            },
          },
        },
        dataFrom: { type: 'array', items: opaque },
      },
    },
    status: opaque,
  },
};
