import type { KubeObject } from '../manifest/object.js';
import { SALT_ANNOTATION } from '../core/names.js';

/**
 * A Secret as it may be recorded (history): its shape and its `lading.dev/secret-sources`
 * annotation, never a value nor the checksum salt (with the salt, a recorded checksum would let
 * a reader test guesses). A rollback keeps the live values (lib/apply/rollback-secrets.ts).
 */
export function secretShape(o: KubeObject): KubeObject {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return o;
  const { data: _d, stringData: _s, ...shape } = o;
  const annotations = shape.metadata?.annotations;
  if (!annotations || !(SALT_ANNOTATION in annotations)) return shape;
  const { [SALT_ANNOTATION]: _salt, ...rest } = annotations;
  return { ...shape, metadata: { ...shape.metadata, annotations: rest } };
}
