import { READINESS_RULES, type ReadinessRule } from '../apply/readiness.js';
import type { Defaults } from '../constructs/defaults.js';
import { type CoOwnerRule, EXPECTED_CO_OWNERS } from '../plan/drift.js';
import { NORMALIZE_STEPS, type NormalizeStep } from '../plan/normalize.js';
import { type Wave, WAVES } from '../synth/kind-order.js';
import { POLICIES, type Policy } from '../validate/policies/index.js';

/** The rule tables lading works from: the library's, with a project's lading.config applied. */
export interface RuleTables {
  /** The order kinds are written to dist/ and applied in. */
  readonly waves: readonly Wave[];
  /** How `apply --wait` tells that an object is ready, per group and kind. */
  readonly readiness: readonly ReadinessRule[];
  /** Fields other managers may own without being drift. */
  readonly coOwners: readonly CoOwnerRule[];
  /** Steps that make a live and a desired object comparable in a diff. */
  readonly normalize: readonly NormalizeStep[];
  /** Policies synth checks (a Chart's `defaults.policies` still wins). */
  readonly policies: readonly Policy[];
  /** The organisation's defaults: those of every App (a Chart's still win). */
  readonly defaults: Defaults;
}

/** The library's tables: what holds without a lading.config. */
export const LIBRARY_RULES: RuleTables = {
  waves: WAVES,
  readiness: READINESS_RULES,
  coOwners: EXPECTED_CO_OWNERS,
  normalize: NORMALIZE_STEPS,
  policies: POLICIES,
  defaults: {},
};
