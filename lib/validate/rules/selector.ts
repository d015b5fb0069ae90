import type { ObjectRule, RuleIssue } from '../rule.js';
import { getPath, isRecord } from '../../manifest/object.js';
import { WORKLOADS } from '../workloads.js';

type Labels = Record<string, unknown>;

// The operators of metav1.LabelSelectorRequirement, as a table.
const OPERATORS: Record<string, (labels: Labels, key: string, values: unknown[]) => boolean> = {
  In: (l, k, v) => k in l && v.includes(l[k]),
  NotIn: (l, k, v) => !(k in l) || !v.includes(l[k]),
  Exists: (l, k) => k in l,
  DoesNotExist: (l, k) => !(k in l),
};

/** True when `selector` selects an object with `labels`; undefined when the selector is malformed. */
export function selectorMatches(selector: unknown, labels: Labels): boolean | undefined {
  if (!isRecord(selector)) return undefined;
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    if (!isRecord(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return undefined;
    const op = OPERATORS[e.operator];
    if (!op) return undefined;
    if (!op(labels, e.key, Array.isArray(e.values) ? e.values : [])) return false;
  }
  return true;
}

function isEmptySelector(selector: Record<string, unknown>): boolean {
  const labels = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labels + exprs === 0;
}

export const selectorMatchesTemplate: ObjectRule = {
  id: 'selector-matches-template',
  description: "a workload's selector is present, not empty, and matches its pod template's labels",
  kinds: Object.keys(WORKLOADS).filter((k) => WORKLOADS[k]!.selector),
  *check(o): Iterable<RuleIssue> {
    const shape = WORKLOADS[o.kind];
    if (!shape?.selector) return;
    const selector = getPath(o, shape.selector);
    if (!isRecord(selector)) {
      yield { path: shape.selector, message: `required: a ${o.kind} needs a selector matching its pod template labels` };
      return;
    }
    if (isEmptySelector(selector)) {
      yield { path: shape.selector, message: 'empty selector: it must select the pod template labels (an empty selector selects every pod)' };
      return;
    }
    const labelsPath = [...shape.template, 'metadata', 'labels'];
    const labels = getPath(o, labelsPath);
    const matched = selectorMatches(selector, isRecord(labels) ? labels : {});
    if (matched === false) {
      yield {
        path: shape.selector,
        message: `selector does not match the pod template labels (${labelsPath.join('.')}): the template's labels must satisfy the selector`,
      };
    }
  },
};
