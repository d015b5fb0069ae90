import type { ReadinessRule } from '../apply/readiness.js';
import type { Defaults } from '../constructs/defaults.js';
import type { CoOwnerRule } from '../plan/drift.js';
import type { NormalizeStep } from '../plan/normalize.js';
import type { Wave } from '../synth/kind-order.js';
import type { Policy } from '../validate/policies/index.js';

/**
 * A change to one of lading's rule tables: a list adds to the library's table (see each field for
 * how entries combine), a function receives the library's table and returns the table to use.
 */
export type TableChange<T> = readonly T[] | ((library: readonly T[]) => readonly T[]);

/** What a project's `lading.config.ts` default-exports (write it with `defineConfig`). */
export interface LadingConfig {
  /**
   * Waves. A listed wave whose name exists gets the listed kinds (taken out of their former wave);
   * a new name is a new wave before "other".
   */
  readonly waves?: TableChange<Wave>;
  /** Readiness rules; listed rules win over the library's for the same group and kind. */
  readonly readiness?: TableChange<ReadinessRule>;
  /** Expected co-owners: listed rules are added (a match of any rule is not drift). */
  readonly coOwners?: TableChange<CoOwnerRule>;
  /** Normalization steps of diff: listed steps run after the library's. */
  readonly normalize?: TableChange<NormalizeStep>;
  /** Policies: a listed policy replaces the library's of the same id, others are added. */
  readonly policies?: TableChange<Policy>;
  /** The organisation's defaults, given to every App (the level between the library's and a Chart's). */
  readonly defaults?: Defaults;
}

/** Types a `lading.config.ts` (`export default defineConfig({ … })`); returns it unchanged. */
export function defineConfig(config: LadingConfig): LadingConfig {
  return config;
}
