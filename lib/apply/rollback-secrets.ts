import { isRecord, type KubeObject } from '../manifest/object.js';
import { fieldsOf, managedFields } from '../plan/fieldset.js';

const key = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/**
 * The data keys of a live Secret that lading owns through apply: as the application's field
 * manager, or as lading 0.1's shared one not migrated yet (every key when nobody's ownership is recorded).
 */
export function ownedDataKeys(live: KubeObject, managers: readonly string[]): string[] {
  const data = isRecord(live.data) ? Object.keys(live.data) : [];
  if (managedFields(live).length === 0) return data;
  const owned = managers.map((m) => fieldsOf(live, m)?.['f:data']).filter((f) => f !== undefined);
  return data.filter((k) => owned.some((f) => `f:${k}` in f));
}

/**
 * A recorded Secret holds no values (history never stores them). Sent as is, server-side apply
 * would remove every key lading owns, so a rollback sends the live values of those keys: the
 * Secret keeps its data and lading keeps ownership. Keys others own are left to them (not sent,
 * so not removed). A Secret that is not live gets no data here: its keys need sources
 * (lib/apply/secret-values.ts), else the rollback is refused.
 */
export function keepLiveSecretData(
  objects: readonly KubeObject[],
  live: ReadonlyMap<string, KubeObject>,
  managers: readonly string[],
  defaultNamespace: string,
): KubeObject[] {
  return objects.map((o) => {
    if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return o;
    const { data: _d, stringData: _s, ...shape } = o;
    const current = live.get(key(o.metadata?.namespace ?? defaultNamespace, o.metadata?.name));
    if (!current || !isRecord(current.data)) return shape;
    const values = current.data as Record<string, string>;
    const keys = ownedDataKeys(current, managers);
    return keys.length ? { ...shape, data: Object.fromEntries(keys.sort().map((k) => [k, values[k]!])) } : shape;
  });
}

/** Live Secrets keyed as keepLiveSecretData expects them. */
export function liveSecretKey(o: KubeObject, defaultNamespace: string): string {
  return key(o.metadata?.namespace ?? defaultNamespace, o.metadata?.name);
}
