import { parseDuration } from '../core/duration.js';
import { inputsDigest } from '../plan/inputs-digest.js';
import { planDifferences, type SavedPlan, withPreconditions } from '../plan/saved-plan.js';
import { type ApplyFlags, type ApplyIo, applyApps } from './apply.js';
import { type InputFlags, loadDesiredOrReport } from './desired.js';
import { EXIT, UserError } from './errors.js';
import { withLiveSecretValues } from './live-secret-values.js';
import { openSession, type PlannedApp } from './plan-apps.js';
import { readPlanFile } from './plan-file.js';
import { LADING_VERSION, planOf } from './save-plan.js';

export interface PlanFlags {
  /** A plan written by `lading diff --save-plan`. */
  readonly plan?: string;
  /** Refuse a plan older than this (a duration: 30m, 24h). */
  readonly maxAge?: string;
}

/** The inputs the plan was made from; a flag that names other inputs is a mistake, not an override. */
export function planInputFlags(saved: SavedPlan, flags: InputFlags, file: string): InputFlags {
  const recorded: InputFlags = {
    filename: saved.inputs.filename ?? [],
    name: saved.inputs.name,
    env: saved.inputs.env,
    appsDir: saved.inputs.appsDir,
    namespace: saved.inputs.namespace,
    trustSecretSources: saved.inputs.trustSecretSources,
  };
  const clashes: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (flags.filename?.length && !same(flags.filename, recorded.filename))
    clashes.push(`-f ${flags.filename.join(' -f ')} (the plan's: ${recorded.filename?.length ? recorded.filename.join(', ') : 'apps/'})`);
  for (const [flag, key] of [
    ['--name', 'name'],
    ['--env', 'env'],
    ['--namespace', 'namespace'],
  ] as const) {
    if (flags[key] !== undefined && !same(flags[key], recorded[key])) clashes.push(`${flag} ${flags[key]} (the plan's: ${recorded[key] ?? 'none'})`);
  }
  if (flags.appsDir !== undefined && flags.appsDir !== 'apps' && !same(flags.appsDir, recorded.appsDir))
    clashes.push(`--apps-dir ${flags.appsDir} (the plan's: ${recorded.appsDir ?? 'none'})`);
  if (flags.trustSecretSources && !recorded.trustSecretSources) clashes.push('--trust-secret-sources (the plan was made without it)');
  if (clashes.length) throw new UserError(`--plan ${file} applies the inputs it was made from; these flags name others: ${clashes.join('; ')}`);
  return recorded;
}

/** Refuses a plan older than --max-age. */
export function checkAge(saved: SavedPlan, maxAge: string | undefined, file: string, now = Date.now()): void {
  if (maxAge === undefined) return;
  const ms = parseDuration(maxAge);
  if (ms === undefined) throw new UserError(`--max-age ${maxAge}: expected a duration such as 30m, 24h or 1h30m`);
  const age = now - Date.parse(saved.createdAt);
  if (age > ms)
    throw new UserError(
      `--plan ${file}: made at ${saved.createdAt}, ${Math.round(age / 60_000)} minutes ago, older than --max-age ${maxAge}: make a new plan (lading diff --save-plan)`,
    );
}

/**
 * `lading apply --plan FILE`: applies the reviewed plan and nothing else. The inputs are read
 * again (secret values from the same sources) and must have the plan's digest; the plan is
 * made again and must equal the saved one object by object (live resourceVersions, desired
 * states, prune set, secret value digests); then every write and delete carries the
 * resourceVersion the plan saw as a precondition. Exit codes as apply's.
 */
export async function runApplyPlan(flags: ApplyFlags & PlanFlags, io: ApplyIo): Promise<number> {
  const file = flags.plan!;
  const saved = await readPlanFile(file);
  checkAge(saved, flags.maxAge, file);
  const inputs = planInputFlags(saved, flags, file);
  if (saved.ladingVersion !== LADING_VERSION)
    io.err.write(`note: the plan was made by lading ${saved.ladingVersion}, this is ${LADING_VERSION}: the plans are compared object by object\n`);
  const merged: ApplyFlags = { ...flags, ...inputs, filename: inputs.filename ?? [] };
  const server = openSession(merged).connection;
  if (server.server.origin !== saved.cluster.server) {
    throw new UserError(
      `--plan ${file} was made against ${saved.cluster.server} (context ${saved.cluster.context}); this context (${server.context}) is ${server.server.origin}: nothing was changed`,
    );
  }
  const loaded = await loadDesiredOrReport(merged, 'apply', io.err);
  const digest = inputsDigest(loaded);
  if (digest !== saved.inputs.digest) {
    throw new UserError(
      `the inputs differ from the plan's (${file}: ${saved.inputs.digest}, now ${digest}): the app definitions or manifests changed since the plan was made; nothing was changed. Make a new plan (lading diff --save-plan)`,
      EXIT.usage,
    );
  }
  io.out.write(`plan ${file}: made at ${saved.createdAt} against ${saved.cluster.server}; inputs ${saved.inputs.digest.slice(0, 19)}… as planned\n`);
  const apps = await withLiveSecretValues(loaded, merged);
  return applyApps(apps, merged, io, {
    verifyPlan: (planned: readonly PlannedApp[], session) => {
      const now = planOf(
        planned.map((p) => p.plan),
        saved.inputs,
        session,
      );
      const differences = planDifferences(saved, now);
      if (differences.length) {
        throw new UserError(
          `the plan made now differs from ${file} (made at ${saved.createdAt}): nothing was changed\n  ${differences.join('\n  ')}\nmake a new plan (lading diff --save-plan) and review it`,
          EXIT.usage,
        );
      }
      const pinned = withPreconditions(planned.map((p) => p.plan));
      return planned.map((p, i) => ({ ...p, plan: pinned[i]! }));
    },
  });
}
