import type { CustomKind } from '../crd-schema.js';
import { EXTERNAL_SECRET_SCHEMA } from './external-secret.js';

/**
 * Custom kinds lading emits itself, with a schema shipped as data: validation uses one when the
 * model has no schema for the kind and no CRD for it is in the input (a CRD in the input wins).
 * Keyed by "apiVersion|kind"; a table, so that more kinds are one entry each.
 */
export const KNOWN_KINDS: ReadonlyMap<string, CustomKind> = new Map([
  ['external-secrets.io/v1|ExternalSecret', { schema: EXTERNAL_SECRET_SCHEMA, namespaced: true, crdName: 'externalsecrets.external-secrets.io' }],
]);

/** The known kind of `apiVersion` and `kind`, if lading ships its schema. */
export function knownKind(apiVersion: string, kind: string): CustomKind | undefined {
  return KNOWN_KINDS.get(`${apiVersion}|${kind}`);
}
