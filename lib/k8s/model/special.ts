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
