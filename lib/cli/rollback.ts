import type { Revision } from '../apply/history.js';
import { listRevisions, revisionObjects } from '../cluster/history-store.js';
import { type ApplyFlags, applyApps, type ApplyIo, terminalIo } from './apply.js';
import type { DesiredApp } from './desired.js';
import { UserError } from './errors.js';
import { clusterFailure } from './plan-apps.js';
import { openClusterSession } from './session.js';

export interface RollbackFlags extends ApplyFlags {
  /** The revision to go back to (default: the one before the latest). */
  readonly to?: string;
}

/** Which recorded revision to re-apply: --to N, else the one before the latest. */
export function pickRevision(revisions: readonly Revision[], to: string | undefined): Revision {
  const sets = [...new Set(revisions.map((r) => r.set.id))];
  if (sets.length > 1) {
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

/** `lading rollback`: re-applies an earlier revision through the same path as apply. */
export async function runRollback(flags: RollbackFlags, io: ApplyIo = terminalIo()): Promise<number> {
  const session = openClusterSession(flags, io.onRequest ? { onRequest: io.onRequest } : {});
  let target: Revision;
  let objects;
  try {
    const revisions = (await listRevisions(session.client, { namespace: flags.namespace, fallbackNamespace: session.defaultNamespace, app: flags.name, env: flags.env })).map((r) => r.revision);
    if (!revisions.length) throw new UserError(`no revisions recorded${flags.name ? ` for ${flags.name}` : ''}: see lading history`);
    target = pickRevision(revisions, flags.to);
    objects = await revisionObjects(session.client, target);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw clusterFailure(e, session);
  }
  io.out.write(`rolling back ${target.app}${target.env ? ` (${target.env})` : ''} to revision ${target.revision} (applied ${target.appliedAt}${target.commit ? `, commit ${target.commit.slice(0, 12)}` : ''})\n`);
  const app: DesiredApp = {
    name: target.app,
    ...(target.env ? { env: target.env } : {}),
    namespace: target.set.namespace,
    inputs: objects.map((object) => ({ object, origin: { file: `revision ${target.revision}` } })),
  };
  return applyApps([app], { ...flags, namespace: flags.namespace ?? target.set.namespace }, io, { rollbackOf: target.revision });
}
