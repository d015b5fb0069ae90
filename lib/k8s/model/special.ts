// Definitions whose OpenAPI text does not say what they accept (no type, or a oneOf that the
// normaliser would read too loosely). Their shapes come from the Kubernetes API types.

import type { Shape } from './ir.js';

const APIEXT = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
const PROPS: Shape = { type: 'ref', target: `${APIEXT}.JSONSchemaProps` };

export const SPECIAL_DEFINITIONS: Readonly<Record<string, Shape>> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'int-or-string' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'quantity' },
  [`${APIEXT}.JSON`]: { type: 'any' },
  [`${APIEXT}.JSONSchemaPropsOrArray`]: { type: 'union', options: [PROPS, { type: 'array', items: PROPS }] },
  [`${APIEXT}.JSONSchemaPropsOrBool`]: { type: 'union', options: [PROPS, { type: 'boolean' }] },
  [`${APIEXT}.JSONSchemaPropsOrStringArray`]: {
    type: 'union',
    options: [PROPS, { type: 'array', items: { type: 'string' } }],
  },
};

/**
 * Empty Go structs: in OpenAPI v2 they look like free-form objects (`type: object`, nothing
 * else), but the API server rejects any field in them. RawExtension, FieldsV1 and Patch are the
 * free-form ones.
 */
export const EMPTY_OBJECTS: ReadonlySet<string> = new Set([
  'io.k8s.api.apiserverinternal.v1alpha1.StorageVersionSpec',
  'io.k8s.api.scheduling.v1alpha2.BasicSchedulingPolicy',
  `${APIEXT}.CustomResourceSubresourceStatus`,
]);
