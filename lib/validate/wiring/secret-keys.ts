import { type KubeObject, isRecord } from '../../manifest/object.js';

/**
 * The annotation on a synthesized Secret that lists its keys and where their values come from
 * (`{"password":{"env":"SHOP_DB_PASSWORD"}}`); dist/ holds it instead of any value.
 */
export const SECRET_SOURCES_ANNOTATION = 'lading.dev/secret-sources';

/** The source descriptors of a Secret's annotation (empty when absent or malformed). */
export function secretSources(o: KubeObject): Record<string, Record<string, unknown>> {
  const raw = o.metadata?.annotations?.[SECRET_SOURCES_ANNOTATION];
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return isRecord(parsed) ? (parsed as Record<string, Record<string, unknown>>) : {};
  } catch {
    return {};
  }
}

/**
 * Keys the control plane writes into a Secret of a type (the token controller fills a
 * service-account-token Secret). Extend this table for other such types.
 */
export const SERVER_FILLED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/service-account-token': ['token', 'ca.crt', 'namespace'],
};

/**
 * Every key a Secret or ConfigMap will hold: data, stringData, binaryData, declared sources and
 * the keys the control plane fills in for its type.
 */
export function objectKeys(o: KubeObject): Set<string> {
  const keys = new Set<string>();
  if (o.kind === 'Secret' && typeof o.type === 'string') for (const k of SERVER_FILLED_KEYS[o.type] ?? []) keys.add(k);
  for (const field of ['data', 'stringData', 'binaryData']) {
    const v = o[field];
    if (isRecord(v)) for (const k of Object.keys(v)) keys.add(k);
  }
  if (o.kind === 'Secret') for (const k of Object.keys(secretSources(o))) keys.add(k);
  return keys;
}
