import type { KubeObject } from '../manifest/object.js';
import type { ApplySetRef } from '../core/applyset.js';

/**
 * The lock of one application: a coordination.k8s.io/v1 Lease named after its ApplySet parent,
 * in the parent's namespace. A holder renews it while it applies; a holder that crashed stops
 * renewing and its lease expires after leaseDurationSeconds.
 */
export const LOCK = {
  /** How long a lease lasts without renewal (a crashed holder blocks others this long at most). */
  durationSeconds: 30,
  /** Renewed this often while held (a third of the duration, as client-go's leader election). */
  renewEveryMs: 10_000,
  label: 'lading.dev/lock',
} as const;

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export type LockState =
  | { readonly state: 'free' }
  | { readonly state: 'ours' }
  | { readonly state: 'expired'; readonly holder: string }
  | { readonly state: 'held'; readonly holder: string; readonly since?: string; readonly expiresAt: number };

/** Who holds the lease now, as a holder identified by `holder` sees it. */
export function lockState(lease: KubeObject | undefined, holder: string, now: number): LockState {
  const spec = (lease?.spec ?? {}) as LeaseSpec;
  if (!spec.holderIdentity) return { state: 'free' };
  if (spec.holderIdentity === holder) return { state: 'ours' };
  const renewed = Date.parse(spec.renewTime ?? spec.acquireTime ?? '');
  const expiresAt = (Number.isNaN(renewed) ? 0 : renewed) + (spec.leaseDurationSeconds ?? LOCK.durationSeconds) * 1000;
  if (now >= expiresAt) return { state: 'expired', holder: spec.holderIdentity };
  return { state: 'held', holder: spec.holderIdentity, ...(spec.acquireTime ? { since: spec.acquireTime } : {}), expiresAt };
}

/** Microsecond timestamps, as the Lease API wants them (MicroTime). */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The Lease that gives the lock to `holder` (taking it over from an expired holder when `live` is given). */
export function leaseFor(set: ApplySetRef, holder: string, now: number, live?: KubeObject): KubeObject {
  const previous = (live?.spec ?? {}) as LeaseSpec;
  const transitions = (previous.leaseTransitions ?? 0) + (previous.holderIdentity && previous.holderIdentity !== holder ? 1 : 0);
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: set.name,
      namespace: set.namespace,
      labels: { [LOCK.label]: 'true' },
      ...(live?.metadata?.resourceVersion ? { resourceVersion: live.metadata.resourceVersion } : {}),
    },
    spec: {
      holderIdentity: holder,
      leaseDurationSeconds: LOCK.durationSeconds,
      acquireTime: microTime(now),
      renewTime: microTime(now),
      leaseTransitions: transitions,
    },
  };
}

/** The same lease, renewed now (the resourceVersion guards against a holder that took it meanwhile). */
export function renewed(lease: KubeObject, now: number): KubeObject {
  return { ...lease, spec: { ...(lease.spec as LeaseSpec), renewTime: microTime(now) } };
}

/** "alice@ci-runner-7 (pid 4242)": who holds a lock, for the message of one that waits. */
export function holderIdentity(user: string, host: string, pid: number, nonce: string): string {
  return `${user}@${host} (pid ${pid}, ${nonce})`;
}
