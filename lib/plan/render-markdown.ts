import { type AppPlan, appTitle, CHANGING, unifiedDiff } from './report.js';
import { CATEGORIES } from './types.js';
import { blastRadius } from './blast-radius.js';

const ICON: Record<string, string> = { create: '🆕', change: '✏️', replace: '♻️', prune: '🗑️', unchanged: '✅', error: '❌' };

// Fences longer than any backtick run inside the diff keep the code block closed.
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** A pull-request comment: a summary table per application and a collapsible diff per object. */
export function renderMarkdown(plans: readonly AppPlan[]): string {
  const out: string[] = ['## lading diff', ''];
  for (const p of plans) {
    out.push(`### ${appTitle(p)}`, '', '| | create | change | replace | prune | unchanged | drifted fields |', '|---|---:|---:|---:|---:|---:|---:|');
    const c = p.plan.counts;
    const drift = p.plan.objects.reduce((n, o) => n + o.drift.length, 0);
    out.push(`| objects | ${c.create} | ${c.change} | ${c.replace} | ${c.prune} | ${c.unchanged} | ${drift} |`, '');
    for (const e of p.errors) out.push(`> ❌ ${e.replace(/\n/g, ' ')}`, '');
    const blast = blastRadius(p.plan);
    if (blast.length) {
      out.push('**Blast radius**', '');
      for (const b of blast)
        out.push(`- ${b.effect === 'rolls' ? '🔄' : '🛑'} <code>${b.id}</code>${b.namespace ? ` in <code>${b.namespace}</code>` : ''}: ${b.message}`);
      out.push('');
    }
    for (const w of p.warnings ?? []) out.push(`> ⚠️ ${w.replace(/\n/g, ' ')}`, '');
    for (const o of p.plan.objects) {
      if (!CHANGING.has(o.category) && o.category !== 'error' && !o.drift.length) continue;
      const diff = unifiedDiff(o);
      out.push(
        '<details>',
        `<summary>${ICON[o.category]} <b>${o.category}</b> <code>${o.id}</code>${o.namespace ? ` in <code>${o.namespace}</code>` : ''}</summary>`,
        '',
      );
      if (o.reason) out.push(`${o.category === 'replace' ? 'Immutable field: ' : ''}${o.reason}`, '');
      if (o.danger) out.push(`- 🛑 pruning it ${o.danger} (\`--confirm-prune\` deletes it)`);
      if (o.otherSet) out.push(`- ⚠️ owned by another ApplySet: ${o.otherSet} (\`--adopt\` takes it over)`);
      for (const conflict of o.conflicts) out.push(`- ⚠️ conflict: \`${conflict.path}\` is owned by \`${conflict.manager}\``);
      for (const d of o.drift) out.push(`- drift: \`${d.path}\` set by \`${d.manager}\` (${d.operation}), not in the manifest`);
      if (diff) out.push('', `${fence(diff)}diff`, diff, fence(diff));
      out.push('', '</details>', '');
    }
  }
  out.push(`<sub>${CATEGORIES.map((c) => `${ICON[c]} ${c}`).join(' · ')}</sub>`, '');
  return out.join('\n');
}
