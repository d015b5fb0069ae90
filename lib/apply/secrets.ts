import type { KubeObject } from '../manifest/object.js';

/**
 * A Secret as it may be recorded (history): its shape and its `lading.dev/secret-sources`
 * annotation, never a value. A rollback resolves the values again from the sources
 * (lib/cli/plan-apps.ts prepareSecrets, as for any apply).
 */
export function secretShape(o: KubeObject): KubeObject {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return o;
  const { data: _d, stringData: _s, ...shape } = o;
  return shape;
}
