import { canonicalize } from '../manifest/canonical.js';
import { emitYaml } from '../manifest/emit-yaml.js';
import { displayName, type KubeObject } from '../manifest/object.js';
import type { ObjectOrigin } from '../validate/diagnostic.js';
import { type CoOwnerRule, EXPECTED_CO_OWNERS, findDrift } from './drift.js';
import { fieldsOf, jsonEqual, union } from './fieldset.js';
import { maskSecretPair, scrub, secretValues } from './mask.js';
import { differingFields } from './differences.js';
import { dropServerMetadata, dropStatus, NORMALIZE_STEPS, normalize as normalizeWith, type NormalizeContext, type NormalizeStep } from './normalize.js';
import { CATEGORIES, type Category, type Conflict, type ObjectPlan, type Plan } from './types.js';

/** What the cluster said about one desired object (gathered by lib/plan/observe.ts). */
export interface Observation {
  readonly desired: KubeObject;
  readonly origin?: ObjectOrigin;
  readonly live?: KubeObject;
  /** The server's result of a dry-run apply. */
  readonly dryRun?: KubeObject;
  /** A dry-run that failed: an immutable field (replace) or another error. */
  readonly failure?: { readonly status: number; readonly reason: string; readonly message: string; readonly immutable: boolean };
  /** Conflicts the dry-run reported before it was repeated with force. */
  readonly conflicts?: readonly Conflict[];
  /** The live object already matches: no dry-run was needed. */
  readonly provenUnchanged?: boolean;
  /** The object cannot be dry-run yet: what it waits for (its namespace or CRD, created by this apply). */
  readonly waitsFor?: string;
  /** The live namesake is being deleted: since when, held by what. */
  readonly beingDeleted?: string;
  /** The field manager the object was planned with (default: the plan's). */
  readonly manager?: string;
  /** lading 0.1's shared field manager, renamed to the application's own before the apply. */
  readonly migrateFrom?: string;
  /** The id of the ApplySet the live object is a member of, when it is not this application's. */
  readonly otherSet?: string;
}

export interface PlanOptions {
  readonly manager: string;
  /** A manager that wrote objects before the application had its own (shown for prunes). */
  readonly legacyManager?: string;
  /** What a prune takes with it beyond the object (counted live), for the prunes that do. */
  readonly pruneCosts?: ReadonlyMap<KubeObject, string>;
  readonly coOwners?: readonly CoOwnerRule[];
  /** Normalization steps (default NORMALIZE_STEPS); steps beyond the library's also decide what is unchanged. */
  readonly normalize?: readonly NormalizeStep[];
}

function yamlOf(o: KubeObject | undefined): string {
  return o ? emitYaml(canonicalize(o)) : '';
}

function base(o: KubeObject, origin?: ObjectOrigin) {
  return {
    id: displayName(o),
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata?.name ?? '',
    ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
    ...(origin ? { origin } : {}),
  };
}

/** The whole object as the server stores it, less what no apply changes (server metadata, status). */
function comparable(o: KubeObject, options: PlanOptions): KubeObject {
  const added = (options.normalize ?? []).filter((step) => !NORMALIZE_STEPS.includes(step));
  return normalizeWith(o, {}, [dropServerMetadata, dropStatus, ...added]);
}

function planOne(obs: Observation, options: PlanOptions, secrets: () => readonly string[]): ObjectPlan {
  const normalize = (o: KubeObject, ctx: NormalizeContext = {}) => normalizeWith(o, ctx, options.normalize);
  const { desired, live, dryRun } = obs;
  const manager = obs.manager ?? options.manager;
  const ours = fieldsOf(dryRun ?? (obs.provenUnchanged ? live : undefined), manager);
  const drift = live ? findDrift(live, manager, ours, options.coOwners ?? EXPECTED_CO_OWNERS) : [];
  const conflicts = obs.conflicts ?? [];
  const common = {
    ...base(desired, obs.origin),
    desired,
    ...(live ? { live } : {}),
    drift,
    conflicts,
    ...(obs.migrateFrom ? { migrateFrom: obs.migrateFrom } : {}),
    ...(obs.otherSet ? { otherSet: obs.otherSet } : {}),
  };

  if (obs.failure) {
    const category: Category = obs.failure.immutable ? 'replace' : 'error';
    const [b, a] = maskSecretPair(live && normalize(live, { owned: fieldsOf(live, manager) }), normalize(desired));
    return { ...common, category, before: yamlOf(b), after: yamlOf(a), reason: scrub(obs.failure.message, secrets()) };
  }
  // Being deleted (a finished Job's TTL, a delete in progress): it is gone once its finalizers are
  // done, and created again after that, as a later kubectl apply would.
  if (obs.beingDeleted) {
    const [b, a] = maskSecretPair(live && normalize(live, { owned: fieldsOf(live, manager) }), normalize(desired));
    return {
      ...common,
      category: 'create',
      before: yamlOf(b),
      after: yamlOf(a),
      ...(live ? { awaitsDeletion: true } : {}),
      reason: scrub(obs.beingDeleted, secrets()),
    };
  }
  if (!live) {
    const [, a] = maskSecretPair(undefined, normalize(dryRun ?? desired, dryRun ? { owned: ours } : {}));
    return { ...common, category: 'create', before: '', after: yamlOf(a) };
  }
  // An unchanged object shows no diff: its YAML is not rendered (thousands of them in a no-op).
  if (obs.provenUnchanged || !dryRun) {
    return { ...common, category: 'unchanged', before: '', after: '', provenUnchanged: obs.provenUnchanged === true };
  }
  // What the server would store against what it stores: any difference is a change (as kubectl
  // diff sees it), also in fields we do not own (a Secret's stringData is stored as data).
  const [stored, result] = [comparable(live, options), comparable(dryRun, options)];
  if (jsonEqual(stored, result)) return { ...common, category: 'unchanged', before: '', after: '' };
  // Shown: our fields before and after (a field we stop setting shows as removed), and every
  // field that changes.
  const owned = union(union(fieldsOf(live, manager), ours), differingFields(stored, result));
  const [b, a] = maskSecretPair(normalize(live, { owned }), normalize(dryRun, { owned }));
  return { ...common, category: 'change', before: yamlOf(b), after: yamlOf(a) };
}

function planPrune(live: KubeObject, options: PlanOptions): ObjectPlan {
  const [b] = maskSecretPair(
    normalizeWith(
      live,
      { owned: fieldsOf(live, options.manager) ?? (options.legacyManager ? fieldsOf(live, options.legacyManager) : undefined) },
      options.normalize,
    ),
    undefined,
  );
  const danger = options.pruneCosts?.get(live);
  return { ...base(live), category: 'prune', live, before: yamlOf(b), after: '', drift: [], conflicts: [], ...(danger ? { danger } : {}) };
}

/** Live vs desired for every object, and what prune would delete: pure, from observations. */
export function buildPlan(observations: readonly Observation[], prune: readonly KubeObject[], options: PlanOptions): Plan {
  // Gathered only when a message is to be scrubbed: a no-op plan has none to show.
  let values: string[] | undefined;
  const secrets = () => (values ??= secretValues(observations.flatMap((o) => [o.desired, o.live])));
  const objects = [...observations.map((o) => planOne(o, options, secrets)), ...prune.map((p) => planPrune(p, options))];
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const o of objects) counts[o.category]++;
  return { objects, counts };
}
