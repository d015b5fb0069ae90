import { hostname, userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ApplySetRef } from '../core/applyset.js';
import { holderIdentity, LOCK, leaseFor, lockState, renewed } from '../core/lease-lock.js';
import type { KubeObject } from '../manifest/object.js';
import { type KubeClient, type RequestSpec, toApiError } from './client.js';
import { ClusterError } from '../core/errors.js';
import { sleep } from '../core/sleep.js';

/** Another apply or rollback of the application held its lock past --lock-timeout. */
export class LockTimeoutError extends ClusterError {}

export interface LockOptions {
  /** How long to wait for another holder (ms). */
  readonly timeoutMs: number;
  readonly holder?: string;
  /** Told once per set when it must wait, with who holds it. */
  readonly onWait?: (set: ApplySetRef, holder: string) => void;
  /** Told when a set cannot be locked at all (its namespace does not exist yet, leases forbidden). */
  readonly onSkip?: (set: ApplySetRef, reason: string) => void;
  readonly pollMs?: number;
  /** How often a held lease is renewed (ms; default LOCK.renewEveryMs). */
  readonly renewMs?: number;
  readonly signal?: AbortSignal;
}

/** The locks of a run, renewed until released. */
export interface HeldLocks {
  /** Why a lock was lost while held (another holder took an expired one), if it was. */
  lost(): string | undefined;
  release(): Promise<void>;
}

const leasePath = (set: ApplySetRef, name?: string) =>
  `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(set.namespace)}/leases${name ? `/${encodeURIComponent(name)}` : ''}`;

/** This process, as the holder of a lease ("alice@runner-7 (pid 4242, 1a2b3c)"). */
export function thisHolder(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers)
  }
  return holderIdentity(user, hostname(), process.pid, randomBytes(3).toString('hex'));
}

/**
 * Takes the lock of each set (in a stable order, so that two runs never wait for each other
 * in a circle), waiting up to timeoutMs for another holder; then renews them until released.
 */
export async function lockApplySets(client: KubeClient, sets: readonly ApplySetRef[], options: LockOptions): Promise<HeldLocks> {
  const holder = options.holder ?? thisHolder();
  const held: Held[] = [];
  let lost: string | undefined;
  const release = async () => {
    clearInterval(timer);
    await Promise.all(
      held.map(async (h) => {
        const spec: RequestSpec = {
          method: 'DELETE',
          path: leasePath(h.set, h.set.name),
          body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { resourceVersion: h.lease.metadata?.resourceVersion } },
          idempotent: true,
        };
        await client.request(spec).catch(() => undefined); // an unreleased lease expires by itself
      }),
    );
  };
  const timer = setInterval(() => {
    for (const h of held) {
      // One renewal at a time: a slow server must not get a second PUT with the same resourceVersion.
      if (h.renewing) continue;
      h.renewing = true;
      void renew(client, h, holder)
        .then((why) => {
          lost ??= why;
        })
        .finally(() => {
          h.renewing = false;
        });
    }
  }, options.renewMs ?? LOCK.renewEveryMs);
  timer.unref();
  try {
    for (const set of [...sets].sort((a, b) => a.id.localeCompare(b.id))) {
      const lease = await acquire(client, set, holder, options);
      if (lease) held.push({ set, lease, renewing: false });
    }
  } catch (e) {
    await release();
    throw e;
  }
  return { lost: () => lost, release };
}

interface Held {
  readonly set: ApplySetRef;
  lease: KubeObject;
  renewing: boolean;
}

/**
 * Renews one held lease; returns why it is lost, if it is. A 409 is not taken for a loss before the
 * lease is read again: a renewal whose answer was lost (a reset, a timeout) and then retried meets
 * its own success as a conflict, and the lease is still ours.
 */
async function renew(client: KubeClient, h: Held, holder: string): Promise<string | undefined> {
  const path = leasePath(h.set, h.set.name);
  try {
    const res = await client.request<KubeObject>({ method: 'PUT', path, body: renewed(h.lease, Date.now()), idempotent: true });
    if (res.status < 300) {
      h.lease = res.body;
      return undefined;
    }
    if (res.status === 409) {
      const now = await client.request<KubeObject>({ method: 'GET', path });
      if (now.status < 300 && lockState(now.body, holder, Date.now()).state === 'ours') {
        h.lease = now.body;
        return undefined;
      }
    }
    if (res.status === 409 || res.status === 404) return `the lock of ${h.set.namespace}/${h.set.name} was taken over while held (${res.status})`;
  } catch {
    // a missed renewal: the next one may pass; the lease lasts 3 periods
  }
  return undefined;
}

async function acquire(client: KubeClient, set: ApplySetRef, holder: string, options: LockOptions): Promise<KubeObject | undefined> {
  const started = Date.now();
  let told = false;
  for (;;) {
    if (options.signal?.aborted) throw new ClusterError('interrupted while waiting for the lock: nothing was changed', 130);
    const get: RequestSpec = { method: 'GET', path: leasePath(set, set.name) };
    const res = await client.request<KubeObject>(get);
    let write: RequestSpec;
    if (res.status === 404) {
      write = { method: 'POST', path: leasePath(set), body: leaseFor(set, holder, Date.now()), idempotent: true };
    } else if (res.status === 403) {
      options.onSkip?.(set, `${toApiError(res, get).message}`);
      return undefined;
    } else if (res.status >= 300) {
      throw toApiError(res, get);
    } else {
      const state = lockState(res.body, holder, Date.now());
      if (state.state === 'held') {
        const waited = Date.now() - started;
        if (waited >= options.timeoutMs) {
          throw new LockTimeoutError(
            `${set.namespace}/${set.name} is locked by ${state.holder}${state.since ? ` since ${state.since}` : ''}: another apply or rollback of this application is running; waited ${Math.round(waited / 1000)}s (--lock-timeout). A holder that crashed loses the lock ${LOCK.durationSeconds}s after its last renewal.`,
          );
        }
        if (!told) options.onWait?.(set, state.holder);
        told = true;
        await sleep(Math.min(options.pollMs ?? 1000, Math.max(options.timeoutMs - waited, 0), Math.max(state.expiresAt - Date.now(), 50)), options.signal);
        continue;
      }
      write = { method: 'PUT', path: leasePath(set, set.name), body: leaseFor(set, holder, Date.now(), res.body), idempotent: true };
    }
    const taken = await client.request<KubeObject>(write);
    if (taken.status < 300) return taken.body;
    // Someone else created or updated it first: look again.
    if (taken.status === 409 || (taken.status === 404 && write.method === 'PUT')) continue;
    // The namespace does not exist yet: this first apply creates it (nothing of the application exists to interleave with).
    if (taken.status === 404) return undefined;
    if (taken.status === 403) {
      options.onSkip?.(set, toApiError(taken, write).message);
      return undefined;
    }
    throw toApiError(taken, write);
  }
}
