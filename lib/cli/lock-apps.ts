import { parseDuration } from '../core/duration.js';
import type { ApplySetRef } from '../core/applyset.js';
import { type HeldLocks, lockApplySets } from '../cluster/lock.js';
import { UserError } from './errors.js';
import { clusterFailure, type ClusterSession } from './plan-apps.js';

/** --lock-timeout in ms; default 1m. */
export function lockTimeoutMs(flag: string | undefined): number {
  if (flag === undefined) return 60_000;
  const ms = parseDuration(flag);
  if (ms === undefined) throw new UserError(`--lock-timeout ${flag}: expected a duration such as 30s, 5m or 0 (do not wait)`);
  return ms;
}

/**
 * Takes the lock of each application before anything is written: waits for another apply or
 * rollback of the same application up to --lock-timeout, then refuses (exit 2, nothing written).
 */
export async function lockApps(
  sets: readonly ApplySetRef[],
  session: ClusterSession,
  flags: { lockTimeout?: string },
  err: { write(text: string): unknown },
): Promise<HeldLocks> {
  const timeoutMs = lockTimeoutMs(flags.lockTimeout);
  let locks: HeldLocks;
  try {
    locks = await lockApplySets(session.client, sets, {
      timeoutMs,
      onWait: (set, holder) =>
        err.write(
          `waiting for the lock of ${set.namespace}/${set.name}, held by ${holder} (another apply or rollback; --lock-timeout ${Math.round(timeoutMs / 1000)}s)\n`,
        ),
      onSkip: (set, reason) => err.write(`note: ${set.namespace}/${set.name} applied without a lock: ${reason}\n`),
    });
  } catch (e) {
    throw clusterFailure(e, session);
  }
  return {
    lost: locks.lost,
    release: async () => {
      const lost = locks.lost();
      // The renewals failed long enough for another run to take over: it may have written too.
      if (lost) err.write(`warning: ${lost}; check the application with lading diff\n`);
      await locks.release();
    },
  };
}
