import type { Readiness } from './readiness.js';
import type { RevisionInfo } from './history.js';
import type { AppPlan } from '../plan/report.js';
import type { Category, ObjectPlan } from '../plan/types.js';

/** One object of an application as `lading status` shows it. */
export interface ObjectStatus {
  readonly id: string;
  readonly namespace?: string;
  /** in sync: the cluster has what the inputs say; else what an apply would do. */
  readonly sync: 'in sync' | Exclude<Category, 'unchanged'>;
  /** Absent for an object that is not in the cluster. */
  readonly readiness?: Readiness;
  /** Fields other managers set or took over: "path (manager)". */
  readonly drift: readonly string[];
}

export interface AppStatus {
  readonly name: string;
  readonly env?: string;
  readonly namespace?: string;
  readonly lastRevision?: Pick<RevisionInfo, 'revision' | 'appliedAt' | 'appliedBy' | 'commit' | 'status' | 'summary'>;
  readonly objects: readonly ObjectStatus[];
  readonly errors: readonly string[];
  /** Every object is in sync, ready and without drift. */
  readonly healthy: boolean;
}

export function objectStatus(o: ObjectPlan, readiness: Readiness | undefined): ObjectStatus {
  return {
    id: o.id,
    ...(o.namespace ? { namespace: o.namespace } : {}),
    sync: o.category === 'unchanged' ? 'in sync' : o.category,
    ...(readiness ? { readiness } : {}),
    drift: [...o.drift.map((d) => `${d.path} (${d.manager})`), ...o.conflicts.map((c) => `${c.path} (${c.manager}, took it over)`)],
  };
}

export function appStatus(plan: AppPlan, objects: readonly ObjectStatus[], lastRevision: AppStatus['lastRevision']): AppStatus {
  const healthy = plan.errors.length === 0 && objects.every((o) => o.sync === 'in sync' && o.readiness?.state === 'ready' && o.drift.length === 0);
  return {
    name: plan.name,
    ...(plan.env ? { env: plan.env } : {}),
    ...(plan.set ? { namespace: plan.set.namespace } : {}),
    ...(lastRevision ? { lastRevision } : {}),
    objects,
    errors: plan.errors,
    healthy,
  };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function renderStatusText(apps: readonly AppStatus[]): string {
  const out: string[] = [];
  for (const a of apps) {
    const r = a.lastRevision;
    const revision = r
      ? `revision ${r.revision} applied ${r.appliedAt.replace(/\.\d+Z$/, 'Z')}${r.appliedBy ? ` by ${r.appliedBy}` : ''}${r.commit ? ` from ${r.commit.slice(0, 12)}` : ''} (${r.status})`
      : 'no revision recorded';
    out.push(`${a.env ? `${a.name} (${a.env})` : a.name}: ${a.healthy ? 'healthy' : 'not healthy'}; ${revision}`);
    for (const e of a.errors) out.push(`  error: ${e}`);
    const rows = [['OBJECT', 'NAMESPACE', 'SYNC', 'READY', 'DRIFT']];
    for (const o of a.objects) {
      const ready = o.readiness ? (o.readiness.state === 'ready' ? 'ready' : `${o.readiness.state}: ${o.readiness.message}`) : 'not in the cluster';
      rows.push([o.id, o.namespace ?? '-', o.sync === 'in sync' ? 'in sync' : `would ${o.sync}`, ready, o.drift.length ? o.drift.join(', ') : '-']);
    }
    out.push(...table(rows).map((l) => `  ${l}`));
  }
  return out.join('\n') + '\n';
}

export function renderStatusJson(apps: readonly AppStatus[]): string {
  return JSON.stringify({ apiVersion: 'lading.dev/v1', kind: 'StatusReport', healthy: apps.every((a) => a.healthy), applications: apps }, null, 2) + '\n';
}
