import type { FieldPath } from '../manifest/source.js';
import type { KubeObject } from '../manifest/object.js';

export type Severity = 'error' | 'warning';

/** One problem a rule found in an object, at a field path of that object. */
export interface RuleIssue {
  readonly path: FieldPath;
  readonly message: string;
  /** Overrides the rule's severity for this issue (a rule that errs in synth and only warns otherwise). */
  readonly severity?: Severity;
}

/** What a rule may depend on besides the object. */
export interface RuleContext {
  /** The Kubernetes minor version validated against, e.g. "1.36". */
  readonly kubeVersion: string;
}

/** A check of one object. Rules are data: a table of these, which users may extend. */
export interface ObjectRule {
  readonly id: string;
  readonly description: string;
  /** Kinds the rule looks at (plain kind names); absent = every kind. */
  readonly kinds?: readonly string[];
  readonly severity?: Severity;
  check(object: KubeObject, context?: RuleContext): Iterable<RuleIssue>;
}

/** A set rule's issue: on the object at `index`; `related` objects are named with where they come from. */
export interface SetRuleIssue extends RuleIssue {
  readonly index: number;
  readonly related?: readonly number[];
}

/** A check across all objects of one input (e.g. the same object twice). */
export interface SetRule {
  readonly id: string;
  readonly description: string;
  readonly severity?: Severity;
  checkSet(objects: readonly KubeObject[]): Iterable<SetRuleIssue>;
}
