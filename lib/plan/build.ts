import { canonicalize } from '../synth/canonical.js';
import { emitYaml } from '../synth/emit-yaml.js';
import { displayName, type KubeObject } from '../manifest/object.js';
import type { ObjectOrigin } from '../validate/diagnostic.js';
import { type CoOwnerRule, EXPECTED_CO_OWNERS, findDrift } from './drift.js';
import { fieldsOf, jsonEqual, union } from './fieldset.js';
import { maskSecretPair, scrub, secretValues } from './mask.js';
import { normalize } from './normalize.js';
import { CATEGORIES, type Category, type Conflict, type ObjectPlan, type Plan } from './types.js';

/** What the cluster said about one desired object (gathered by lib/cluster/observe.ts). */
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
}

export interface PlanOptions {
  readonly manager: string;
  readonly coOwners?: readonly CoOwnerRule[];
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

function planOne(obs: Observation, options: PlanOptions, secrets: readonly string[]): ObjectPlan {
  const { desired, live, dryRun } = obs;
  const ours = fieldsOf(dryRun ?? (obs.provenUnchanged ? live : undefined), options.manager);
  const drift = live ? findDrift(live, options.manager, ours, options.coOwners ?? EXPECTED_CO_OWNERS) : [];
  const conflicts = obs.conflicts ?? [];
  const common = { ...base(desired, obs.origin), desired, ...(live ? { live } : {}), drift, conflicts };

  if (obs.failure) {
    const category: Category = obs.failure.immutable ? 'replace' : 'error';
    const [b, a] = maskSecretPair(live && normalize(live, { owned: fieldsOf(live, options.manager) }), normalize(desired));
    return { ...common, category, before: yamlOf(b), after: yamlOf(a), reason: scrub(obs.failure.message, secrets) };
  }
  if (!live) {
    const [, a] = maskSecretPair(undefined, normalize(dryRun ?? desired, dryRun ? { owned: ours } : {}));
    return { ...common, category: 'create', before: '', after: yamlOf(a) };
  }
  // An unchanged object shows no diff: its YAML is not rendered (thousands of them in a no-op).
  if (obs.provenUnchanged || !dryRun) {
    return { ...common, category: 'unchanged', before: '', after: '', provenUnchanged: obs.provenUnchanged === true };
  }
  // Our fields before and after: a field we stop setting shows as removed.
  const owned = union(fieldsOf(live, options.manager), ours);
  const before = normalize(live, { owned });
  const after = normalize(dryRun, { owned });
  if (jsonEqual(before, after)) return { ...common, category: 'unchanged', before: '', after: '' };
  const [b, a] = maskSecretPair(before, after);
  return { ...common, category: 'change', before: yamlOf(b), after: yamlOf(a) };
}

function planPrune(live: KubeObject, options: PlanOptions): ObjectPlan {
  const [b] = maskSecretPair(normalize(live, { owned: fieldsOf(live, options.manager) }), undefined);
  return { ...base(live), category: 'prune', live, before: yamlOf(b), after: '', drift: [], conflicts: [] };
}

/** Live vs desired for every object, and what prune would delete: pure, from observations. */
export function buildPlan(observations: readonly Observation[], prune: readonly KubeObject[], options: PlanOptions): Plan {
  const secrets = secretValues(observations.flatMap((o) => [o.desired, o.live]));
  const objects = [...observations.map((o) => planOne(o, options, secrets)), ...prune.map((p) => planPrune(p, options))];
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const o of objects) counts[o.category]++;
  return { objects, counts };
}
