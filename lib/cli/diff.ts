import { hasChanges, hasErrors } from '../plan/report.js';
import { renderJson } from '../plan/render-json.js';
import { renderMarkdown } from '../plan/render-markdown.js';
import { renderText } from '../plan/render-text.js';
import { loadDesiredOrReport } from './desired.js';
import { EXIT, UserError } from './errors.js';
import { withLiveSecretValues } from './live-secret-values.js';
import { type ClusterFlags, planApps } from './plan-apps.js';
import { openClusterSession, type RequestFlags } from './session.js';
import { reportDrift } from './drift-report.js';
import { savePlan } from './save-plan.js';

export interface DiffFlags extends ClusterFlags, RequestFlags {
  readonly filename?: readonly string[];
  readonly name?: string;
  readonly env?: string;
  readonly output?: 'text' | 'json' | 'markdown';
  readonly appsDir?: string;
  readonly verbose?: boolean;
  readonly trustSecretSources?: boolean;
  /** Write the plan for `apply --plan` to this file. */
  readonly savePlan?: string;
  /** Only out-of-band changes (drift), with who made them. */
  readonly driftOnly?: boolean;
}

/** Colors on a TTY unless NO_COLOR is set; FORCE_COLOR forces them. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/**
 * `lading diff`: what an apply would change, per application. Exit codes as kubectl diff:
 * 0 no changes, 1 changes, 2 invalid input or a cluster/usage error.
 */
export async function runDiff(flags: DiffFlags): Promise<number> {
  if (flags.savePlan && flags.driftOnly) throw new UserError('--save-plan and --drift-only: a drift report is not a plan to apply; give one of them');
  const loaded = await loadDesiredOrReport(flags, 'diff', process.stderr);
  const apps = await withLiveSecretValues(loaded, flags);
  const session = openClusterSession(flags);
  const planned = await planApps(apps, session);
  const plans = planned.map((p) => p.plan);
  const output = flags.output ?? 'text';
  if (flags.driftOnly) return reportDrift(plans, output);
  const text =
    output === 'json'
      ? renderJson(plans)
      : output === 'markdown'
        ? renderMarkdown(plans)
        : renderText(plans, { color: useColor(process.stdout), verbose: flags.verbose });
  process.stdout.write(text);
  if (flags.savePlan) await savePlan(flags.savePlan, plans, flags, loaded, session, process.stderr);
  if (hasErrors(plans)) return EXIT.usage;
  return hasChanges(plans) ? EXIT.findings : EXIT.ok;
}
