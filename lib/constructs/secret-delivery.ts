import { z } from 'zod';
import type { ObjectMeta } from '../k8s/generated/types.js';

/** Where one key's value lives in the external store. */
export interface RemoteRef {
  /** The secret's path or name in the store (e.g. "shop/db"). */
  readonly key: string;
  /**
   * A field of a structured (JSON) secret in the store.
   * @default - none: the whole secret is the value
   */
  readonly property?: string;
}

/** Secrets delivered by the external-secrets operator, which reads the values from a store. */
export interface ExternalSecretDelivery {
  /** The name of the SecretStore (or ClusterSecretStore) to read from. */
  readonly store: string;
  /**
   * The kind of the store.
   * @default - defaults.externalSecret.storeKind ("SecretStore")
   */
  readonly storeKind?: 'SecretStore' | 'ClusterSecretStore';
  /**
   * How often the operator reads the values again (a Go duration; "0" reads once).
   * @default - defaults.externalSecret.refreshInterval ("1h")
   */
  readonly refreshInterval?: string;
  /**
   * Where each key lives in the store.
   * @default - `{ key: secretName, property: key }`: one store entry per Secret, one property per key
   */
  readonly remoteKey?: (secretName: string, key: string) => string | RemoteRef;
}

/** An ExternalSecretDelivery over its defaults: the store's kind and the refresh interval are known. */
export type ExternalSecretSettings = ExternalSecretDelivery & Required<Pick<ExternalSecretDelivery, 'storeKind' | 'refreshInterval'>>;

/**
 * How a Secret's values reach the cluster:
 * - `'apply'`: dist/ holds the Secret's shape; `lading apply` reads the values from their sources.
 * - `{ externalSecret }`: dist/ holds an ExternalSecret; the operator copies the values from a
 *   store (for GitOps controllers applying dist/ directly). The sources are not used.
 */
export type SecretDelivery = 'apply' | { readonly externalSecret: ExternalSecretDelivery };

// A Go duration as time.ParseDuration reads it ("1h", "90m", "1h30m0s", "0").
const GO_DURATION = /^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/;

const externalSecretSchema = z.strictObject({
  externalSecret: z.strictObject({
    store: z.string().min(1, { error: 'expected the name of a SecretStore' }),
    storeKind: z.enum(['SecretStore', 'ClusterSecretStore']).optional(),
    refreshInterval: z.string().regex(GO_DURATION, { error: 'expected a duration such as "1h", "15m" or "0"' }).optional(),
    remoteKey: z
      .custom<ExternalSecretDelivery['remoteKey']>((v) => typeof v === 'function', {
        error: 'expected a function (secretName, key) => string | { key, property? }',
      })
      .optional(),
  }),
});

// Not a z.union: its error would hide which field of an externalSecret is wrong.
export const deliverySchema = z
  .custom<SecretDelivery>(() => true)
  .superRefine((v, ctx) => {
    if (v === 'apply') return;
    if (typeof v !== 'object' || v === null || !('externalSecret' in v)) {
      ctx.addIssue({ code: 'custom', message: 'expected "apply" or { externalSecret: { store } }' });
      return;
    }
    const result = externalSecretSchema.safeParse(v);
    for (const issue of result.error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });

/** The ExternalSecret kind (external-secrets.io/v1, served by the operator from 0.16.2, the only version from 0.17). */
export interface ExternalSecretObject {
  apiVersion: 'external-secrets.io/v1';
  kind: 'ExternalSecret';
  metadata: ObjectMeta;
  spec: {
    refreshInterval: string;
    secretStoreRef: { name: string; kind: 'SecretStore' | 'ClusterSecretStore' };
    target: { name: string; creationPolicy: 'Owner'; template?: { type: string } };
    data: { secretKey: string; remoteRef: RemoteRef }[];
  };
}

export const EXTERNAL_SECRET_API_VERSION = 'external-secrets.io/v1';

/**
 * The ExternalSecret that makes Secret `name` with `keys`: no value and no source, only where
 * each key lives in the store. Throws (naming the key) when `remoteKey` returns something unusable.
 */
export function externalSecretSpec(delivery: ExternalSecretSettings, name: string, keys: readonly string[], type: string): ExternalSecretObject['spec'] {
  const remote = delivery.remoteKey ?? ((secret: string, key: string) => ({ key: secret, property: key }));
  return {
    refreshInterval: delivery.refreshInterval,
    secretStoreRef: { name: delivery.store, kind: delivery.storeKind },
    target: { name, creationPolicy: 'Owner', ...(type === 'Opaque' ? {} : { template: { type } }) },
    data: [...keys].sort().map((key) => ({ secretKey: key, remoteRef: remoteRef(remote(name, key), key) })),
  };
}

function remoteRef(r: string | RemoteRef, key: string): RemoteRef {
  const ref = typeof r === 'string' ? { key: r } : r;
  if (typeof ref?.key !== 'string' || ref.key === '' || (ref.property !== undefined && (typeof ref.property !== 'string' || ref.property === ''))) {
    throw new TypeError(`remoteKey returned ${JSON.stringify(r)} for key "${key}": expected a non-empty string or { key, property? }`);
  }
  return ref.property === undefined ? { key: ref.key } : { key: ref.key, property: ref.property };
}
