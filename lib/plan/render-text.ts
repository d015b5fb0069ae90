import { type AppPlan, appTitle, CHANGING, driftCount, summaryParts, unifiedDiff } from './report.js';
import type { ObjectPlan } from './types.js';
import { blastRadius } from './blast-radius.js';

export interface TextOptions {
  readonly color: boolean;
  /** Show unchanged objects too. */
  readonly verbose?: boolean;
  /** --quiet: per application only its summary line, errors and warnings. */
  readonly summaryOnly?: boolean;
}

const SYMBOL: Record<string, string> = { create: '+', change: '~', replace: '±', prune: '-', unchanged: '=', error: '!' };
const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;

/** Colors only on a TTY that allows them (NO_COLOR respected by the caller). */
function painter(color: boolean) {
  return (code: keyof typeof CODES, s: string) => (color ? `\x1b[${CODES[code]}m${s}\x1b[0m` : s);
}

function colorDiffLine(line: string, paint: ReturnType<typeof painter>): string {
  if (line.startsWith('+++') || line.startsWith('---')) return paint('bold', line);
  if (line.startsWith('+')) return paint('green', line);
  if (line.startsWith('-')) return paint('red', line);
  if (line.startsWith('@@')) return paint('cyan', line);
  return line;
}

function objectBlock(o: ObjectPlan, paint: ReturnType<typeof painter>): string[] {
  const where = o.namespace ? ` -n ${o.namespace}` : '';
  const origin = o.origin?.constructPath ?? o.origin?.file;
  const lines = [paint('bold', `${SYMBOL[o.category]} ${o.category} ${o.id}${where}${origin ? paint('dim', `  (${origin})`) : ''}`)];
  if (o.reason) lines.push(`  ${o.category === 'replace' ? 'immutable field: ' : ''}${o.reason}`);
  if (o.danger) lines.push(paint('red', `  danger: pruning it ${o.danger} (apply --prune --confirm-prune deletes it)`));
  if (o.otherSet) lines.push(paint('yellow', `  owned by another ApplySet: ${o.otherSet} (apply with --adopt to take it over)`));
  if (o.migrateFrom) lines.push(paint('dim', `  fields applied by "${o.migrateFrom}" (lading 0.1) pass to this application's field manager`));
  for (const c of o.conflicts) lines.push(paint('yellow', `  conflict: ${c.path} is owned by ${c.manager} (apply with --force-conflicts to take it over)`));
  if (CHANGING.has(o.category) || o.category === 'error') {
    const diff = unifiedDiff(o);
    if (diff) lines.push(...diff.split('\n').map((l) => `  ${colorDiffLine(l, paint)}`));
  }
  return lines;
}

function driftBlock(o: ObjectPlan, paint: ReturnType<typeof painter>): string[] {
  return o.drift.map((d) => paint('yellow', `  ${o.id}: ${d.path} set by ${d.manager} (${d.operation}${d.time ? ` at ${d.time}` : ''}), not in the manifest`));
}

/** Plain text: a summary per application, then a diff per changing object, then drift. */
export function renderText(plans: readonly AppPlan[], options: TextOptions): string {
  const paint = painter(options.color);
  const out: string[] = [];
  for (const p of plans) {
    const drift = driftCount(p.plan);
    out.push(paint('bold', `${appTitle(p)}: ${summaryParts(p.plan).join(', ')}${drift ? `; ${drift} drifted field${drift === 1 ? '' : 's'}` : ''}`));
    for (const e of p.errors) out.push(paint('red', `  error: ${e}`));
    for (const w of p.warnings ?? []) out.push(paint('yellow', `  warning: ${w}`));
    if (options.summaryOnly) continue;
    for (const o of p.plan.objects) {
      if (o.category === 'unchanged' && !options.verbose) continue;
      out.push(...objectBlock(o, paint));
    }
    const blast = blastRadius(p.plan);
    if (blast.length) {
      out.push(paint('bold', 'blast radius:'));
      for (const b of blast) out.push(paint(b.effect === 'rolls' ? 'yellow' : 'red', `  ${b.id}${b.namespace ? ` -n ${b.namespace}` : ''}: ${b.message}`));
    }
    const drifted = p.plan.objects.filter((o) => o.drift.length);
    if (drifted.length) {
      out.push(paint('yellow', 'drift (fields other managers set on these objects; apply leaves them, they are not in your manifests):'));
      for (const o of drifted) out.push(...driftBlock(o, paint));
    }
  }
  return out.join('\n') + '\n';
}
