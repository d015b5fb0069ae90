import { applySetRef, LEGACY_MANAGER } from '../core/applyset.js';
import { checkRecord, recordLabel, validateRecord } from '../apply/history-check.js';
import type { Revision } from '../apply/history.js';
import { keepLiveSecretData, liveSecretKey } from '../apply/rollback-secrets.js';
import { reviewRollback } from '../apply/rollback-review.js';
import { listRevisions, liveSecrets } from '../apply/history-store.js';
import { loadModel } from '../k8s/index.js';
import { isKubeObject, type KubeObject } from '../manifest/object.js';
import { formatDiagnostic } from '../validate/format.js';
import { secretSources } from '../validate/wiring/secret-keys.js';
import { type ApplyFlags, applyApps, type ApplyIo, terminalIo } from './apply.js';
import { type DesiredApp, trustedSources } from './desired.js';
import { EXIT, UserError } from './errors.js';
import { rulesInForce } from './project-rules.js';
import { clusterFailure } from './plan-apps.js';
import { openClusterSession } from './session.js';

export interface RollbackFlags extends ApplyFlags {
  /** The revision to go back to (default: the one before the latest). */
  readonly to?: string;
  /** Apply what the record holds beyond the application's namespace, or RBAC, and policy errors. */
  readonly trustHistory?: boolean;
}

/** Which recorded revision to re-apply: --to N, else the one before the latest. */
export function pickRevision(revisions: readonly Revision[], to: string | undefined): Revision {
  // Grouped by what the user names (app, env, namespace), not by the set id a record claims:
  // a record claiming another set is then refused with its reason, not mistaken for another app.
  const apps = new Set(revisions.map((r) => `${r.app}\0${r.env ?? ''}\0${r.set.namespace}`));
  if (apps.size > 1) {
    const names = [...new Set(revisions.map((r) => `${r.app}${r.env ? ` --env ${r.env}` : ''} (-n ${r.set.namespace})`))];
    throw new UserError(`revisions of several applications: choose one with --name, --env or --namespace: ${names.join(', ')}`);
  }
  const sorted = [...revisions].sort((a, b) => a.revision - b.revision);
  if (to !== undefined) {
    const n = Number(to);
    const found = sorted.find((r) => r.revision === n);
    if (!found) throw new UserError(`--to ${to}: no such revision (recorded: ${sorted.map((r) => r.revision).join(', ') || 'none'})`);
    return found;
  }
  if (sorted.length < 2) throw new UserError(`nothing to roll back to: ${sorted.length} revision recorded`);
  return sorted.at(-2)!;
}

/**
 * The objects of a record, once it proved whole, of this format, written for the application's
 * set and valid (schema, rules, policies). Anything else refuses the rollback (exit 2) with
 * every problem listed on `err`: a record is input anyone with `edit` in the namespace can write.
 */
export async function recordInputs(record: KubeObject, target: Revision, err: { write(s: string): unknown }, lenientPolicies = false) {
  const label = recordLabel(record);
  const checked = checkRecord(record, { app: target.app, env: target.env, namespace: target.set.namespace });
  if (checked.problems.length) {
    for (const p of checked.problems) err.write(`${label}: ${p}\n`);
    throw new UserError(
      `revision ${target.revision} of ${target.app} cannot be rolled back to: its record is not usable (${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'} above); nothing was changed`,
      EXIT.usage,
    );
  }
  const diagnostics = validateRecord(checked.inputs, await loadModel(), { policies: (await rulesInForce()).policies, policiesAsWarnings: lenientPolicies });
  for (const d of diagnostics) err.write(formatDiagnostic(d) + '\n');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors)
    throw new UserError(
      `revision ${target.revision} of ${target.app}: ${errors} invalid object${errors === 1 ? '' : 's'} in its record; nothing was changed`,
      EXIT.usage,
    );
  return checked.inputs.filter((i) => isKubeObject(i.value)).map((i) => ({ object: i.value as KubeObject, origin: i.origin }));
}

/**
 * `lading rollback`: re-applies an earlier revision through the same path as apply. The record
 * is checked and validated first; Secrets keep their live values (records hold none); what the
 * rollback deletes or empties needs --prune, what reaches beyond the application --trust-history.
 */
export async function runRollback(flags: RollbackFlags, io: ApplyIo = terminalIo()): Promise<number> {
  const session = openClusterSession(flags, io.onRequest ? { onRequest: io.onRequest } : {});
  let target: Revision;
  let record: KubeObject;
  try {
    const listed = await listRevisions(session.cluster, {
      namespace: flags.namespace,
      fallbackNamespace: session.defaultNamespace,
      app: flags.name,
      env: flags.env,
    });
    if (!listed.length) throw new UserError(`no revisions recorded${flags.name ? ` for ${flags.name}` : ''}: see lading history`);
    target = pickRevision(
      listed.map((r) => r.revision),
      flags.to,
    );
    record = listed.find((r) => r.revision === target)!.object;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw clusterFailure(e, session);
  }
  const inputs = await recordInputs(record, target, io.err, flags.trustHistory === true);
  const namespace = target.set.namespace;
  let live: Map<string, KubeObject>;
  try {
    live = await liveSecrets(
      session.cluster,
      inputs.map((i) => i.object),
      namespace,
    );
  } catch (e) {
    throw clusterFailure(e, session);
  }
  const set = applySetRef(target.app, namespace, target.env);
  const objects = keepLiveSecretData(
    inputs.map((i) => i.object),
    live,
    [set.manager, LEGACY_MANAGER],
    namespace,
  );
  for (const o of objects) {
    if (o.kind !== 'Secret' || o.apiVersion !== 'v1' || live.has(liveSecretKey(o, namespace)) || Object.keys(secretSources(o)).length) continue;
    io.out.write(`note: secret/${o.metadata?.name} is not live and its values were never recorded: the rollback creates it without data\n`);
  }
  io.out.write(
    `rolling back ${target.app}${target.env ? ` (${target.env})` : ''} to revision ${target.revision} (applied ${target.appliedAt}${target.commit ? `, commit ${target.commit.slice(0, 12)}` : ''}); Secrets keep their live values\n`,
  );
  const app: DesiredApp = {
    name: target.app,
    ...(target.env ? { env: target.env } : {}),
    namespace,
    inputs: objects.map((object, i) => trustedSources({ object, origin: inputs[i]!.origin }, flags.trustSecretSources)),
  };
  return applyApps([app], { ...flags, namespace: flags.namespace ?? namespace }, io, {
    rollbackOf: target.revision,
    review: (plans) => reviewRollback(plans, { prune: flags.prune, trustHistory: flags.trustHistory }),
  });
}
