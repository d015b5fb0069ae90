import { isRecord } from '../manifest/object.js';
import { type AppPlan, appTitle } from './report.js';
import type { ObjectPlan } from './types.js';

/** One out-of-band change: a field another field manager set or took over, who and when. */
export interface DriftEntry {
  readonly app: string;
  readonly env?: string;
  readonly id: string;
  readonly namespace?: string;
  readonly path: string;
  readonly manager: string;
  readonly operation?: string;
  readonly time?: string;
  /** 'added': a field not in the manifests; 'taken-over': a field of the manifests another manager now owns (apply would conflict). */
  readonly kind: 'added' | 'taken-over';
}

// When a manager last wrote the object, as managedFields records it.
function managerTime(o: ObjectPlan, manager: string): { operation?: string; time?: string } {
  const list = o.live?.metadata?.managedFields;
  const entry = Array.isArray(list) ? list.find((m) => isRecord(m) && m.manager === manager) : undefined;
  return isRecord(entry)
    ? { ...(typeof entry.operation === 'string' ? { operation: entry.operation } : {}), ...(typeof entry.time === 'string' ? { time: entry.time } : {}) }
    : {};
}

/** The out-of-band changes of every application's live objects, oldest first within an object. */
export function driftEntries(plans: readonly AppPlan[]): DriftEntry[] {
  const out: DriftEntry[] = [];
  for (const p of plans) {
    for (const o of p.plan.objects) {
      const base = { app: p.name, ...(p.env ? { env: p.env } : {}), id: o.id, ...(o.namespace ? { namespace: o.namespace } : {}) };
      for (const d of o.drift)
        out.push({ ...base, path: d.path, manager: d.manager, operation: d.operation, ...(d.time ? { time: d.time } : {}), kind: 'added' });
      for (const c of o.conflicts) out.push({ ...base, path: c.path, manager: c.manager, ...managerTime(o, c.manager), kind: 'taken-over' });
    }
  }
  return out;
}

function describe(e: DriftEntry): string {
  const when = e.time ? ` at ${e.time}` : '';
  const how = e.operation ? ` (${e.operation}${when})` : when ? ` (${when.trim()})` : '';
  return e.kind === 'added'
    ? `${e.path} set by ${e.manager}${how}, not in the manifests`
    : `${e.path} changed by ${e.manager}${how}: a field of the manifests (apply would conflict; --force-conflicts takes it back)`;
}

export function renderDriftText(plans: readonly AppPlan[], entries: readonly DriftEntry[]): string {
  if (!entries.length) return `no drift: ${plans.map(appTitle).join(', ')} match${plans.length === 1 ? 'es' : ''} what lading applied, field for field\n`;
  const lines: string[] = [];
  for (const p of plans) {
    const mine = entries.filter((e) => e.app === p.name && e.env === p.env);
    if (!mine.length) continue;
    lines.push(`${appTitle(p)}: ${mine.length} drifted field${mine.length === 1 ? '' : 's'}`);
    for (const e of mine) lines.push(`  ${e.id}${e.namespace ? ` -n ${e.namespace}` : ''}: ${describe(e)}`);
  }
  return lines.join('\n') + '\n';
}

/** A report for an issue: one table row per drifted field. */
export function renderDriftMarkdown(plans: readonly AppPlan[], entries: readonly DriftEntry[]): string {
  const out = ['## lading drift', ''];
  if (!entries.length) return [...out, `No drift: ${plans.map(appTitle).join(', ')} match what lading applied.`, ''].join('\n');
  out.push('| application | object | field | changed by | operation | when |', '|---|---|---|---|---|---|');
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  for (const e of entries) {
    out.push(
      `| ${cell(e.env ? `${e.app} (${e.env})` : e.app)} | \`${cell(e.id)}\`${e.namespace ? ` in \`${cell(e.namespace)}\`` : ''} | \`${cell(e.path)}\` | \`${cell(e.manager)}\` | ${e.operation ?? ''}${e.kind === 'taken-over' ? ' (took over a field of the manifests)' : ''} | ${e.time ?? ''} |`,
    );
  }
  return [...out, ''].join('\n');
}

export function renderDriftJson(entries: readonly DriftEntry[]): string {
  return JSON.stringify({ apiVersion: 'lading.dev/v1', kind: 'DriftReport', hasDrift: entries.length > 0, drift: entries }, null, 2) + '\n';
}
