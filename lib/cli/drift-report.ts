import { driftEntries, renderDriftJson, renderDriftMarkdown, renderDriftText } from '../plan/drift-report.js';
import { type AppPlan, hasErrors } from '../plan/report.js';
import { EXIT } from './errors.js';

/** `diff --drift-only`: only out-of-band changes. Exit 0 none, 1 drift found, 2 errors. */
export function reportDrift(plans: readonly AppPlan[], output: 'text' | 'json' | 'markdown'): number {
  const entries = driftEntries(plans);
  const text = output === 'json' ? renderDriftJson(entries) : output === 'markdown' ? renderDriftMarkdown(plans, entries) : renderDriftText(plans, entries);
  process.stdout.write(text);
  for (const p of plans) for (const e of p.errors) process.stderr.write(`error: ${e}\n`);
  if (hasErrors(plans)) return EXIT.usage;
  return entries.length ? EXIT.findings : EXIT.ok;
}
