import { createTwoFilesPatch } from 'diff';
import type { ApplySetRef } from '../core/applyset.js';
import { CATEGORIES, type Category, type ObjectPlan, type Plan } from './types.js';

/** One application's plan, as diff and apply render it. */
export interface AppPlan {
  readonly name: string;
  readonly env?: string;
  readonly set?: ApplySetRef;
  readonly plan: Plan;
  /** Problems that stop the plan (unknown kinds, forbidden): each names its object or file. */
  readonly errors: readonly string[];
  /** What the user should know and that stops nothing (labelled objects left alone, ...). */
  readonly warnings?: readonly string[];
}

export const CHANGING: ReadonlySet<Category> = new Set(['create', 'change', 'replace', 'prune']);

export function hasChanges(plans: readonly AppPlan[]): boolean {
  return plans.some((p) => p.plan.objects.some((o) => CHANGING.has(o.category)));
}

export function hasErrors(plans: readonly AppPlan[]): boolean {
  return plans.some((p) => p.errors.length > 0 || p.plan.counts.error > 0);
}

// An object as its diff's file names call it: namespace/kind/name.
const diffName = (o: Pick<ObjectPlan, 'namespace' | 'id'>) => `${o.namespace ? `${o.namespace}/` : ''}${o.id}`;

/** The unified diff of one object's masked YAML (empty when unchanged). */
export function unifiedDiff(o: ObjectPlan, context = 3): string {
  if (o.before === o.after) return '';
  const name = diffName(o);
  // A created or pruned object is all one side: written out directly, as the diff would (a first apply shows thousands).
  if (!o.before) return wholeFile('+', '/dev/null', `desired/${name}`, o.after);
  if (!o.after) return wholeFile('-', `live/${name}`, '/dev/null', o.before);
  return libraryDiff(o, context);
}

/** The diff library's unified diff of an object's two YAML texts. */
export function libraryDiff(o: Pick<ObjectPlan, 'before' | 'after' | 'namespace' | 'id'>, context = 3): string {
  const name = diffName(o);
  const patch = createTwoFilesPatch(
    o.before ? `live/${name}` : '/dev/null',
    o.after ? `desired/${name}` : '/dev/null',
    o.before,
    o.after,
    undefined,
    undefined,
    { context },
  );
  // Drop the "====" separator line createTwoFilesPatch starts with.
  return patch
    .split('\n')
    .filter((l) => !l.startsWith('===='))
    .join('\n')
    .trimEnd();
}

/** The unified diff of a text against nothing (`+`: created) or of nothing against it (`-`: removed). */
export function wholeFile(sign: '+' | '-', from: string, to: string, text: string): string {
  const lines = text.split('\n');
  const newlineAtEnd = text.endsWith('\n');
  if (newlineAtEnd) lines.pop();
  const range = `${sign === '+' ? '-0,0 +1' : `-1,${lines.length} +0`},${sign === '+' ? lines.length : 0}`;
  const out = [`--- ${from}`, `+++ ${to}`, `@@ ${range} @@`, ...lines.map((l) => sign + l)];
  if (!newlineAtEnd) out.push('\\ No newline at end of file');
  return out.join('\n').trimEnd();
}

export function appTitle(p: AppPlan): string {
  return p.env ? `${p.name} (${p.env})` : p.name;
}

export function summaryParts(plan: Plan): string[] {
  const words: Record<Category, string> = {
    create: 'to create',
    change: 'to change',
    replace: 'to replace',
    prune: 'to prune',
    unchanged: 'unchanged',
    error: 'failed',
  };
  return CATEGORIES.filter((c) => plan.counts[c] > 0 || c !== 'error').map((c) => `${plan.counts[c]} ${words[c]}`);
}

export function driftCount(plan: Plan): number {
  return plan.objects.reduce((n, o) => n + o.drift.length, 0);
}
