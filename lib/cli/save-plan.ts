import { TOOLING } from '../core/applyset.js';
import { inputsDigest } from '../plan/inputs-digest.js';
import { hasErrors, type AppPlan } from '../plan/report.js';
import { type PlanInputs, savedPlanOf, type SavedPlan } from '../plan/saved-plan.js';
import type { DesiredApp, InputFlags } from './desired.js';
import { UserError } from './errors.js';
import type { ClusterSession } from './plan-apps.js';
import { writePlanFile } from './plan-file.js';

export const LADING_VERSION = TOOLING.replace(/^lading\//, '');

/** The input selection a plan records, so that apply --plan reads the same inputs. */
export function planInputs(flags: InputFlags, loaded: readonly DesiredApp[]): PlanInputs {
  return {
    digest: inputsDigest(loaded),
    ...(flags.filename?.length ? { filename: [...flags.filename] } : {}),
    ...(flags.name ? { name: flags.name } : {}),
    ...(flags.env ? { env: flags.env } : {}),
    ...(flags.filename?.length ? {} : { appsDir: flags.appsDir ?? 'apps' }),
    ...(flags.namespace ? { namespace: flags.namespace } : {}),
    ...(flags.trustSecretSources ? { trustSecretSources: true } : {}),
  };
}

export function planOf(plans: readonly AppPlan[], inputs: PlanInputs, session: ClusterSession, now = new Date()): SavedPlan {
  return savedPlanOf(plans, {
    createdAt: now,
    ladingVersion: LADING_VERSION,
    cluster: { server: session.connection.server.origin, context: session.connection.context },
    inputs,
  });
}

/** `diff --save-plan FILE`: the plan for a later `apply --plan FILE`; one with errors cannot be applied, so it is not saved. */
export async function savePlan(
  file: string,
  plans: readonly AppPlan[],
  flags: InputFlags,
  loaded: readonly DesiredApp[],
  session: ClusterSession,
  err: { write(s: string): unknown },
): Promise<void> {
  if (hasErrors(plans)) throw new UserError(`--save-plan ${file}: the plan has errors (listed above): not saved`);
  if (flags.filename?.includes('-'))
    throw new UserError(`--save-plan ${file}: the input is stdin, which apply --plan cannot read again: pass files or directories`);
  await writePlanFile(file, planOf(plans, planInputs(flags, loaded), session));
  err.write(`plan saved to ${file} (apply it with: lading apply --plan ${file})\n`);
}
