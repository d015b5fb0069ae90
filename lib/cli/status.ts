import { type AppStatus, appStatus, objectStatus, renderStatusJson, renderStatusText } from '../apply/status.js';
import { listRevisions } from '../apply/history-store.js';
import { readinessNow } from '../apply/readiness-now.js';
import { loadDesiredOrReport } from './desired.js';
import type { DiffFlags } from './diff.js';
import { EXIT } from './errors.js';
import { withLiveSecretValues } from './live-secret-values.js';
import { clusterFailure, planApps } from './plan-apps.js';
import { openClusterSession } from './session.js';

export interface StatusFlags extends Omit<DiffFlags, 'output' | 'savePlan' | 'driftOnly' | 'verbose'> {
  readonly output?: 'text' | 'json';
}

/**
 * `lading status`: per application, each object's sync (what an apply would do), readiness
 * (the readiness table) and drift, and the last revision (who, when, commit). Exit 0 when all
 * is in sync, ready and without drift; 1 otherwise; 2 on invalid input or a cluster error.
 */
export async function runStatus(flags: StatusFlags): Promise<number> {
  const apps = await withLiveSecretValues(await loadDesiredOrReport(flags, 'status', process.stderr), flags);
  const session = openClusterSession(flags);
  const planned = await planApps(apps, session);
  let statuses: AppStatus[];
  try {
    statuses = await Promise.all(
      planned.map(async ({ plan }) => {
        const objects = await Promise.all(
          plan.plan.objects.map(async (o) => objectStatus(o, o.live ? await readinessNow(session.cluster, o.live) : undefined)),
        );
        const revisions = plan.set ? await listRevisions(session.cluster, { namespace: plan.set.namespace, setId: plan.set.id }) : [];
        const last = revisions.at(-1)?.revision;
        return appStatus(
          plan,
          objects,
          last && {
            revision: last.revision,
            appliedAt: last.appliedAt,
            appliedBy: last.appliedBy,
            commit: last.commit,
            status: last.status,
            summary: last.summary,
          },
        );
      }),
    );
  } catch (e) {
    throw clusterFailure(e, session);
  }
  process.stdout.write(flags.output === 'json' ? renderStatusJson(statuses) : renderStatusText(statuses));
  if (planned.some((p) => p.plan.errors.length)) return EXIT.usage;
  return statuses.every((s) => s.healthy) ? EXIT.ok : EXIT.findings;
}
