import type { KubeObject } from '../manifest/object.js';

/** Where a Secret's values come from, per key (JSON in this annotation; see lib/constructs/secret.ts). */
export const SECRET_SOURCES = 'lading.dev/secret-sources';

/**
 * The step that gives Secrets their values just before planning: a Secret in the input holds
 * only its shape and the `lading.dev/secret-sources` annotation, and this step reads each
 * value from its source (environment, file, dotenv). Pure over `env` (file reads come in
 * through it when the secrets issue adds them). For now Secrets pass through unchanged.
 */
export function resolveSecrets(objects: readonly KubeObject[], _env: NodeJS.ProcessEnv): KubeObject[] {
  return [...objects];
}

/** A Secret as it may be recorded or printed: its shape and sources, never a value. */
export function secretShape(o: KubeObject): KubeObject {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return o;
  const { data: _d, stringData: _s, ...shape } = o;
  return shape;
}
