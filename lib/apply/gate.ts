import type { AppPlan } from '../plan/report.js';
import { APPLYSET } from '../core/applyset.js';
import { dangerOf, takenAlong } from '../plan/dangerous-prunes.js';
import type { ObjectPlan } from '../plan/types.js';
import { objectRef } from '../plan/object-ref.js';

/** Per-object opt-in to delete and re-create the object when an immutable field changes. */
export const REPLACE_ANNOTATION = 'lading.dev/replace-on-immutable';

export interface GateOptions {
  readonly forceConflicts?: boolean;
  readonly forceReplace?: boolean;
  /** Take over objects of another ApplySet (--adopt). */
  readonly adopt?: boolean;
  /** The plan prunes (--prune): dangerous prunes then need confirmPrune. */
  readonly prune?: boolean;
  /** Also prune what takes more than itself: namespaces, CRDs, volumes (--confirm-prune). */
  readonly confirmPrune?: boolean;
}

/** The conflict path of the ApplySet membership label. */
export function isMembershipField(path: string): boolean {
  return path === `metadata.labels.${APPLYSET.partOfLabel}`;
}

export function replaceAllowed(o: ObjectPlan, options: GateOptions): boolean {
  return options.forceReplace === true || o.desired?.metadata?.annotations?.[REPLACE_ANNOTATION] === 'true';
}

function describeReplace(o: ObjectPlan): string {
  switch (dangerOf(o.desired!)?.counts) {
    case 'namespace-contents':
      return 'everything in the namespace';
    case 'custom-resources':
      return 'every custom resource of its kinds, cluster-wide,';
    default:
      return 'the data of its volume';
  }
}

/**
 * Why this plan must not be applied, one message per problem (empty: go ahead). Checked before
 * anything is written, so that a refused apply changes nothing.
 */
export function blockers(plans: readonly AppPlan[], options: GateOptions): string[] {
  const out: string[] = [];
  for (const p of plans) {
    for (const e of p.errors) out.push(e);
    const kept = p.plan.objects.filter((o) => o.category !== 'prune');
    for (const o of p.plan.objects) {
      const taken = o.category === 'prune' && o.live && options.prune ? takenAlong(o.live, kept, p.set?.namespace) : [];
      if (taken.length) {
        out.push(
          `${objectRef(o)}: pruning it would also delete what is still desired: ${taken.slice(0, 10).join(', ')}${taken.length > 10 ? ` and ${taken.length - 10} more` : ''}. Keep it in the input (--confirm-prune does not allow this)`,
        );
      }
      if (o.category === 'error') out.push(`${objectRef(o)}: ${o.reason ?? 'the server dry-run failed'}`);
      if (o.category === 'replace' && !replaceAllowed(o, options)) {
        out.push(
          `${objectRef(o)}: an immutable field changes (${o.reason ?? 'rejected by the server'}); the object must be deleted and re-created: pass --force-replace, or annotate it ${REPLACE_ANNOTATION}: "true"`,
        );
      }
      // A replace deletes first: --force-replace (meant for a Job's template) must not take a
      // volume's data, a namespace's contents or a CRD's resources with it unasked.
      if (
        o.category === 'replace' &&
        o.desired &&
        dangerOf(o.desired) &&
        options.forceReplace &&
        o.desired.metadata?.annotations?.[REPLACE_ANNOTATION] !== 'true' &&
        !options.confirmPrune
      ) {
        out.push(
          `${objectRef(o)}: replacing it deletes it first, and ${describeReplace(o)} with it: pass --confirm-prune as well, or annotate it ${REPLACE_ANNOTATION}: "true"`,
        );
      }
      if (o.category === 'prune' && o.danger && options.prune && !options.confirmPrune) {
        out.push(`${objectRef(o)}: pruning it ${o.danger}: pass --confirm-prune to delete it, or keep it in the input`);
      }
      if (o.otherSet && !options.adopt) {
        out.push(
          `${objectRef(o)}: belongs to another application's ApplySet (${o.otherSet}); applying it would take it over and that application could no longer prune it. Remove it from this application, or pass --adopt to take it over`,
        );
      }
      if (o.conflicts.length && !options.forceConflicts) {
        // Adopting moves the set label from the other set's manager to ours: that conflict is the point.
        for (const c of o.conflicts.filter((c) => !(options.adopt && o.otherSet && isMembershipField(c.path)))) {
          out.push(
            `${objectRef(o)}: field ${c.path || '(unknown)'} is owned by field manager "${c.manager}"; apply would change it. Remove the field from your manifest to leave it to "${c.manager}", or pass --force-conflicts to take ownership`,
          );
        }
      }
    }
  }
  return out;
}
