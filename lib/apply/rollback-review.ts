import { groupOf, isRecord } from '../manifest/object.js';
import { type FieldSet, fieldsOf, union } from '../plan/fieldset.js';
import { LEGACY_MANAGER } from '../core/applyset.js';
import type { AppPlan } from '../plan/report.js';
import type { ObjectPlan } from '../plan/types.js';
import { objectRef } from '../plan/object-ref.js';

/** Where each data-bearing kind keeps its keys: a rollback that removes one empties data. */
export const DATA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'v1/ConfigMap': ['data', 'binaryData'],
  'v1/Secret': ['data', 'stringData'],
};

/**
 * Kinds a record may create or change only with --trust-history, even inside the application's
 * namespace: they grant permissions, which whoever can write a record (the `edit` role) cannot
 * grant itself. Cluster-scoped objects and other namespaces always need it. "Kind.group".
 */
export const PRIVILEGED_KINDS: ReadonlySet<string> = new Set([
  'Role.rbac.authorization.k8s.io',
  'RoleBinding.rbac.authorization.k8s.io',
  'ClusterRole.rbac.authorization.k8s.io',
  'ClusterRoleBinding.rbac.authorization.k8s.io',
]);

const WRITES = new Set(['create', 'change', 'replace']);

export interface RollbackConsent {
  /** --prune: deleting objects and removing data keys. */
  readonly prune?: boolean;
  /** --trust-history: writes beyond what the record's writer could do alone. */
  readonly trustHistory?: boolean;
}

export interface RollbackReview {
  /** What the rollback deletes or empties with consent (printed before it runs). */
  readonly notes: string[];
  /** What it would do without the consent it needs: the rollback is refused. */
  readonly refusals: string[];
}

// Keys lading owns now that the rollback's object no longer has: server-side apply removes them.
function removedKeys(o: ObjectPlan, managers: readonly string[]): string[] {
  const fields = DATA_FIELDS[`${o.apiVersion}/${o.kind}`];
  if (!fields || !o.live || !o.desired) return [];
  const owned = managers.reduce<FieldSet>((acc, m) => union(acc, fieldsOf(o.live, m)), {});
  const out: string[] = [];
  for (const field of fields) {
    const live = o.live[field];
    const ours = owned[`f:${field}`];
    if (!isRecord(live) || !ours) continue;
    const wanted = isRecord(o.desired[field]) ? (o.desired[field] as Record<string, unknown>) : {};
    // A Secret's stringData lands in data: a key sent in either is kept.
    const alsoWanted = o.kind === 'Secret' && isRecord(o.desired.stringData) ? (o.desired.stringData as Record<string, unknown>) : {};
    for (const k of Object.keys(live)) if (`f:${k}` in ours && !(k in wanted) && !(k in alsoWanted)) out.push(`${field}.${k}`);
  }
  return out;
}

function groupKind(o: { apiVersion: string; kind: string }): string {
  const group = groupOf(o.apiVersion);
  return group ? `${o.kind}.${group}` : o.kind;
}

/**
 * What a rollback would destroy or reach, before anything is written. A record is untrusted
 * input: deleting objects or removing data keys needs --prune (and says so); creating or
 * changing objects outside the application's namespace, cluster-scoped ones or RBAC needs
 * --trust-history. Pure, over the plans.
 */
export function reviewRollback(plans: readonly AppPlan[], consent: RollbackConsent): RollbackReview {
  const notes: string[] = [];
  const refusals: string[] = [];
  for (const p of plans) {
    const home = p.set?.namespace;
    const managers = [...(p.set ? [p.set.manager] : []), LEGACY_MANAGER];
    for (const o of p.plan.objects) {
      if (o.category === 'prune') {
        if (consent.prune) notes.push(`the rollback deletes ${objectRef(o)} (--prune)`);
        continue;
      }
      if (!WRITES.has(o.category)) continue;
      if (o.category === 'replace') notes.push(`the rollback deletes and re-creates ${objectRef(o)} (an immutable field differs)`);
      const removed = removedKeys(o, managers);
      if (removed.length) {
        const line = `the rollback removes ${removed.join(', ')} of ${objectRef(o)}`;
        if (consent.prune) notes.push(`${line} (--prune)`);
        else refusals.push(`${line}: pass --prune to allow a rollback that empties data`);
      }
      const outside = !o.namespace || (home !== undefined && o.namespace !== home);
      if ((outside || PRIVILEGED_KINDS.has(groupKind(o))) && !consent.trustHistory) {
        const why = !o.namespace ? 'is cluster-scoped' : o.namespace !== home ? `is outside the application's namespace ${home}` : 'grants permissions';
        refusals.push(
          `the record would ${o.category} ${objectRef(o)}, which ${why}: whoever can write history records in ${home} could have put it there; check it (lading history) and pass --trust-history to apply it`,
        );
      }
    }
  }
  return { notes, refusals };
}
