import { type ApplyFlags, type ApplyIo, applyApps, terminalIo } from './apply.js';
import { type PlanFlags, runApplyPlan } from './apply-plan.js';
import { loadDesiredOrReport } from './desired.js';
import { withLiveSecretValues } from './live-secret-values.js';

/** `lading apply`: a reviewed plan (--plan), or plan now, confirm, write in waves, prune, wait, record the revision. */
export async function runApply(flags: ApplyFlags & PlanFlags, io: ApplyIo = terminalIo()): Promise<number> {
  if (flags.plan) return runApplyPlan(flags, io);
  return applyApps(await withLiveSecretValues(await loadDesiredOrReport(flags, 'apply', io.err), flags), flags, io);
}
