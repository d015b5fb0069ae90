import { formatLocation } from '../validate/format.js';
import { type AppPlan, hasChanges, hasErrors, unifiedDiff } from './report.js';
import type { ObjectPlan } from './types.js';
import { blastRadius } from './blast-radius.js';

/**
 * The JSON report of `lading diff --output json` (schema lading.dev/v1 DiffReport):
 * { apiVersion, kind, hasChanges, hasErrors, applications: [{ name, env, applySet,
 *   summary: {create, change, replace, prune, unchanged, error}, errors: [string], warnings: [string],
 *   objects: [{ category, id, apiVersion, kind, namespace, name, source, diff, drift, conflicts, reason,
 *     otherSet, danger }], blastRadius: [{ effect: rolls|service-address|data-loss|takes-along, id, namespace, message }] }] }
 * Unchanged objects are listed without a diff. Secret values never appear (masked).
 */
export function renderJson(plans: readonly AppPlan[]): string {
  const report = {
    apiVersion: 'lading.dev/v1',
    kind: 'DiffReport',
    hasChanges: hasChanges(plans),
    hasErrors: hasErrors(plans),
    applications: plans.map((p) => ({
      name: p.name,
      env: p.env ?? null,
      applySet: p.set ? { id: p.set.id, parent: `configmap/${p.set.name}`, namespace: p.set.namespace, fieldManager: p.set.manager } : null,
      summary: p.plan.counts,
      errors: p.errors,
      warnings: p.warnings ?? [],
      objects: p.plan.objects.map(objectJson),
      blastRadius: blastRadius(p.plan),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}

function objectJson(o: ObjectPlan) {
  return {
    category: o.category,
    id: o.id,
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.namespace ?? null,
    name: o.name,
    source: o.origin
      ? {
          location: formatLocation({ severity: 'error', rule: '', object: o.id, origin: o.origin, path: [], message: '' }),
          constructPath: o.origin.constructPath ?? null,
          file: o.origin.file ?? null,
        }
      : null,
    diff: unifiedDiff(o) || null,
    drift: o.drift,
    conflicts: o.conflicts,
    reason: o.reason ?? null,
    otherSet: o.otherSet ?? null,
    danger: o.danger ?? null,
  };
}
