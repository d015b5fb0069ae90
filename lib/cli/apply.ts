import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { parseDuration } from '../core/duration.js';
import { blockers } from '../apply/gate.js';
import { provenance, summarize } from '../apply/history.js';
import { Progress, type ProgressSink, scrubbedSink } from '../apply/progress.js';
import { planWaves } from '../apply/waves.js';
import { execute, type ExecuteResult } from '../apply/execute.js';
import { recordRevision } from '../apply/history-store.js';
import { waitReady, type WaitTarget } from '../apply/wait.js';
import type { RequestSpec } from '../cluster/client.js';
import { scrub, secretValues } from '../plan/mask.js';
import { type AppPlan, hasChanges } from '../plan/report.js';
import { renderText } from '../plan/render-text.js';
import { customKinds } from '../validate/crd-schema.js';
import type { DesiredApp } from './desired.js';
import { useColor } from './diff.js';
import { EXIT, UserError } from './errors.js';
import { rulesInForce } from './project-rules.js';
import { type ClusterFlags, clusterFailure, type ClusterSession, type PlannedApp, planApps } from './plan-apps.js';
import { WriteLedger } from '../apply/ledger.js';
import { openClusterSession, type RequestFlags } from './session.js';
import { lockApps } from './lock-apps.js';
import { applySetRef } from '../core/applyset.js';
import { objectRef } from '../plan/object-ref.js';
import type { ClusterApi } from '../core/cluster-api.js';

export interface ApplyFlags extends ClusterFlags, RequestFlags {
  readonly filename?: readonly string[];
  readonly name?: string;
  readonly env?: string;
  readonly appsDir?: string;
  /** Read sources named by secret-sources annotations of -f input or a history record. */
  readonly trustSecretSources?: boolean;
  readonly prune?: boolean;
  readonly wait?: boolean;
  readonly timeout?: string;
  readonly yes?: boolean;
  readonly dryRun?: boolean;
  readonly forceConflicts?: boolean;
  readonly forceReplace?: boolean;
  /** Take over objects that are members of another ApplySet. */
  readonly adopt?: boolean;
  /** Also prune Namespaces, CRDs, PVCs and PVs (they take more than themselves). */
  readonly confirmPrune?: boolean;
  /** How long to wait for another apply or rollback of the same application (default 1m). */
  readonly lockTimeout?: string;
  /** No plan diff and no line per object: summaries, warnings and errors only. */
  readonly quiet?: boolean;
}

/** Where apply talks to: the terminal by default; tests pass buffers and count requests. */
export interface ApplyIo {
  readonly out: ProgressSink;
  readonly err: { write(text: string): unknown };
  /** Ask before writing (a TTY, without --yes). */
  readonly interactive: boolean;
  readonly confirm: (question: string) => Promise<boolean>;
  readonly onRequest?: (spec: RequestSpec) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Install a SIGINT handler (the CLI does; in-process tests do not). */
  readonly handleSignals: boolean;
}

/** Apply's exit codes (also in --help): kubectl's where it has them. */
export const APPLY_EXIT = {
  ok: 0,
  /** A write failed, objects did not become ready, or the user declined. */
  failed: 1,
  /** Invalid input, an unsafe plan (conflicts, replace, errors) or a cluster error: nothing written. */
  refused: EXIT.usage,
  interrupted: 130,
} as const;

export function terminalIo(): ApplyIo {
  return {
    out: process.stdout,
    err: process.stderr,
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    confirm: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      // Ctrl-C at the prompt (the terminal is in raw mode: readline sees it, not the process).
      const interrupted = new Promise<never>((_, reject) =>
        rl.once('SIGINT', () => {
          process.stdout.write('\n');
          reject(new UserError('interrupted at the confirmation prompt: nothing was changed', APPLY_EXIT.interrupted));
        }),
      );
      // End of input (Ctrl-D) is a no.
      const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
      try {
        return /^y(es)?$/i.test((await Promise.race([rl.question(question), interrupted, closed])).trim());
      } finally {
        rl.close();
      }
    },
    env: process.env,
    handleSignals: true,
  };
}

/** Extra facts recorded with the revision (lading rollback sets rollbackOf). */
export interface ApplyContext {
  readonly rollbackOf?: number;
  /** Looks at the plans before anything is written: notes are printed, refusals stop it (rollback's consent rules). */
  readonly review?: (plans: readonly AppPlan[]) => { readonly notes: readonly string[]; readonly refusals: readonly string[] };
  /** apply --plan: checks the plan made now against the saved one (throws to refuse) and pins its preconditions. */
  readonly verifyPlan?: (planned: readonly PlannedApp[], session: ClusterSession) => PlannedApp[];
}

function gitHead(): string | undefined {
  try {
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 })
        .toString()
        .trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** The first names of a long list, and how many more. */
function listSome(items: readonly string[], max = 20): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

// The ids (as progress names them) of the objects an apply of `p` writes or deletes.
function plannedIds(p: PlannedApp, prune: boolean): string[] {
  return p.plan.plan.objects.filter((o) => ['create', 'change', 'replace'].includes(o.category) || (prune && o.category === 'prune')).map(objectRef);
}

/** One line for a failure talking to the cluster (clusterFailure's, else the error's own message). */
function describeFailure(e: unknown, session: ClusterSession, secrets: readonly string[]): string {
  try {
    return clusterFailure(e, session, secrets).message;
  } catch {
    return scrub((e as Error).message, secrets);
  }
}

// An execute that threw after writing: reported as a failed (or interrupted) partial apply.
function failedExecution(ledger: WriteLedger, message: string, notDone: string[], interrupted: boolean): ExecuteResult {
  return { ...ledger.counts(), writes: ledger.writes, notDone, failures: [message], interrupted };
}

/** The shared path of apply and rollback: from desired applications to a converged cluster. */
export async function applyApps(apps: readonly DesiredApp[], flags: ApplyFlags, io: ApplyIo, context: ApplyContext = {}): Promise<number> {
  const timeoutMs = parseDuration(flags.timeout ?? '5m');
  if (timeoutMs === undefined) throw new UserError(`--timeout ${flags.timeout}: expected a duration such as 90s, 5m or 1m30s`);
  const ledger = new WriteLedger();
  const session = openClusterSession(flags, {
    onRequest: (spec) => {
      ledger.request(spec);
      io.onRequest?.(spec);
    },
  });
  // One apply or rollback of an application at a time (a Lease per ApplySet, renewed while held), taken
  // before the plan so that the plan sees what the previous run left, and held until its revision is recorded.
  const sets = apps.map((a) => applySetRef(a.name, a.namespace ?? session.defaultNamespace, a.env));
  const locks = flags.dryRun ? undefined : await lockApps(sets, session, flags, io.err);
  try {
    return await applyLocked(apps, flags, io, context, { timeoutMs, ledger, session });
  } finally {
    await locks?.release();
  }
}

interface Run {
  readonly timeoutMs: number;
  readonly ledger: WriteLedger;
  readonly session: ClusterSession;
}

/** What the planning step decided: stop with an exit code, or write these plans. */
type Planned = { readonly exit: number } | { readonly planned: PlannedApp[]; readonly secrets: string[]; readonly changes: boolean };

async function applyLocked(apps: readonly DesiredApp[], flags: ApplyFlags, io: ApplyIo, context: ApplyContext, run: Run): Promise<number> {
  // Ctrl-C aborts retries and reads in flight of the writes and the wait (history is still recorded).
  const abort = new AbortController();
  const interruptible = run.session.cluster.scoped({ signal: abort.signal });
  const decided = await planAndConfirm(apps, flags, io, context, run);
  if ('exit' in decided) return decided.exit;
  const { planned, secrets, changes } = decided;
  const safe = (m: string) => scrub(m, secrets);

  let stopped = false;
  const onSignal = () => {
    if (stopped) process.exit(APPLY_EXIT.interrupted);
    stopped = true;
    abort.abort();
    io.err.write('\ninterrupted: no new requests; waiting for those in flight (Ctrl-C again to quit at once)\n');
  };
  if (io.handleSignals) process.on('SIGINT', onSignal);
  const progress = new Progress(scrubbedSink(io.out, safe), Date.now, { quiet: flags.quiet });
  progress.listen((id, state) => run.ledger.progress(id, state));
  const steps = { flags, io, run, progress, secrets, interruptible, stopped: () => stopped };
  try {
    if (!changes) io.out.write(hasChanges(planned.map((p) => p.plan)) ? 'nothing to apply without --prune\n' : 'nothing to apply: the cluster matches\n');
    const written = changes ? await writeApps(planned, steps) : { applied: [] };
    if ('exit' in written) return written.exit;
    const waited = flags.wait ? await waitForApps(planned, steps) : { status: 'applied', code: APPLY_EXIT.ok };
    progress.stop();
    await recordRevisions(written.applied, waited.status, context, steps);
    return waited.code;
  } finally {
    progress.stop();
    if (io.handleSignals) process.off('SIGINT', onSignal);
  }
}

/** Plans every application, prints the plan, and stops unless it is safe, wanted and confirmed. */
async function planAndConfirm(apps: readonly DesiredApp[], flags: ApplyFlags, io: ApplyIo, context: ApplyContext, run: Run): Promise<Planned> {
  const { session } = run;
  // Values are known once planApps resolved them; live Secrets count too.
  let secrets = secretValues(apps.flatMap((a) => a.inputs.map((i) => i.object)));
  const safe = (m: string) => scrub(m, secrets);

  let planned: PlannedApp[];
  try {
    planned = await planApps(apps, session);
  } catch (e) {
    throw clusterFailure(e, session, secrets);
  }
  if (context.verifyPlan) planned = context.verifyPlan(planned, session);
  secrets = [...secretValues(planned.flatMap((p) => p.plan.plan.objects.flatMap((o) => [o.desired, o.live]))), ...secrets];
  const plans = planned.map((p) => p.plan);
  io.out.write(renderText(plans, { color: io.out === process.stdout && useColor(process.stdout), summaryOnly: flags.quiet }));

  const problems = blockers(plans, {
    forceConflicts: flags.forceConflicts,
    forceReplace: flags.forceReplace,
    adopt: flags.adopt,
    prune: flags.prune,
    confirmPrune: flags.confirmPrune,
  });
  if (problems.length) {
    for (const p of problems) io.err.write(`error: ${safe(p)}\n`);
    io.err.write('nothing was changed\n');
    return { exit: APPLY_EXIT.refused };
  }
  const review = context.review?.(plans) ?? { notes: [], refusals: [] };
  for (const n of review.notes) io.out.write(`note: ${safe(n)}\n`);
  if (review.refusals.length) {
    for (const r of review.refusals) io.err.write(`error: ${safe(r)}\n`);
    io.err.write('nothing was changed\n');
    return { exit: APPLY_EXIT.refused };
  }
  const pruneCount = plans.reduce((n, p) => n + p.plan.counts.prune, 0);
  if (pruneCount && !flags.prune)
    io.out.write(
      `note: ${pruneCount} object${pruneCount === 1 ? ' is' : 's are'} no longer desired; apply --prune deletes ${pruneCount === 1 ? 'it' : 'them'}\n`,
    );
  const changes = plans.some((p) =>
    p.plan.objects.some((o) => ['create', 'change', 'replace'].includes(o.category) || (flags.prune && o.category === 'prune')),
  );
  if (flags.dryRun) {
    io.out.write('dry run: nothing was changed\n');
    return { exit: APPLY_EXIT.ok };
  }
  if (changes && io.interactive && !flags.yes && !(await io.confirm('Apply these changes? [y/N] '))) {
    io.err.write('nothing was changed\n');
    return { exit: APPLY_EXIT.failed };
  }
  return { planned, secrets, changes };
}

interface Steps {
  readonly flags: ApplyFlags;
  readonly io: ApplyIo;
  readonly run: Run;
  readonly progress: Progress;
  readonly secrets: readonly string[];
  readonly interruptible: ClusterApi;
  readonly stopped: () => boolean;
}

type Applied = { readonly p: PlannedApp; readonly result: ExecuteResult }[];

/** Executes each application's plan in turn; the first that fails or is interrupted stops the rest. */
async function writeApps(planned: readonly PlannedApp[], steps: Steps): Promise<{ applied: Applied } | { exit: number }> {
  const {
    flags,
    io,
    run: { ledger, session, timeoutMs },
    progress,
    secrets,
    interruptible,
    stopped,
  } = steps;
  const safe = (m: string) => scrub(m, secrets);
  const applied: { p: PlannedApp; result: ExecuteResult }[] = [];
  const rules = await rulesInForce();
  for (const p of planned) {
    const waves = planWaves(p.plan.plan.objects, new Set(customKinds(p.app.inputs.map((i) => i.object)).keys()), rules.waves);
    const result = await execute(interruptible, {
      steady: session.cluster,
      set: p.plan.set!,
      waves,
      parent: p.observed.parent,
      unlisted: p.observed.unlisted,
      prune: flags.prune === true,
      forceConflicts: flags.forceConflicts === true,
      adopt: flags.adopt === true,
      deleteTimeoutMs: timeoutMs,
      concurrency: Number(flags.concurrency ?? 16),
      progress,
      stopped,
      scrub: safe,
    }).catch((e: unknown) => {
      // Before any write: refused, nothing written. After: what was done and what was not.
      if (ledger.writes === 0) throw clusterFailure(e, session, [...secrets]);
      const ids = plannedIds(p, flags.prune === true);
      return failedExecution(ledger, describeFailure(e, session, secrets), ledger.notDone(ids), stopped());
    });
    applied.push({ p, result });
    const title = `${p.app.name}${p.app.env ? ` (${p.app.env})` : ''}`;
    progress.log(`${title}: ${summarize({ ...result, unchanged: waves.unchanged.length })}`);
    if (result.failures.length || result.interrupted) {
      progress.stop();
      for (const f of result.failures) io.err.write(`error: ${f}\n`);
      if (result.notDone.length) io.err.write(`not done (a re-run applies them): ${listSome(result.notDone)}\n`);
      const rest = planned.slice(planned.indexOf(p) + 1).map((q) => q.app.name);
      if (rest.length) io.err.write(`applications not started: ${rest.join(', ')}\n`);
      return { exit: result.interrupted ? APPLY_EXIT.interrupted : APPLY_EXIT.failed };
    }
  }
  return { applied };
}

/** --wait: until every written object is ready; the status recorded with the revision and the exit code. */
async function waitForApps(planned: readonly PlannedApp[], steps: Steps): Promise<{ status: string; code: number }> {
  const {
    io,
    run: { timeoutMs },
    progress,
    secrets,
    interruptible,
    stopped,
  } = steps;
  const safe = (m: string) => scrub(m, secrets);
  const targets: WaitTarget[] = planned.flatMap((p) =>
    p.plan.plan.objects.filter((o) => o.desired && o.category !== 'prune').map((o) => ({ id: objectRef(o), object: o.desired! })),
  );
  const waited = await waitReady(interruptible, targets, { timeoutMs, progress, stopped, rules: (await rulesInForce()).readiness });
  progress.stop();
  if (waited.interrupted) {
    io.err.write('interrupted while waiting: the changes were applied; readiness was not checked to the end\n');
    return { status: 'interrupted', code: APPLY_EXIT.interrupted };
  }
  if (waited.failed.length) {
    for (const f of waited.failed) {
      io.err.write(`error: ${f.id}: ${safe(f.message)}\n`);
      for (const r of f.reasons) io.err.write(`  ${safe(r)}\n`);
    }
    return { status: 'failed', code: APPLY_EXIT.failed };
  }
  io.out.write(`${waited.ready} object${waited.ready === 1 ? '' : 's'} ready\n`);
  return { status: 'ready', code: APPLY_EXIT.ok };
}

/** A history revision for each application that wrote anything (a failure to record is a warning). */
async function recordRevisions(applied: Applied, status: string, context: ApplyContext, steps: Steps): Promise<void> {
  const {
    io,
    run: { session },
    secrets,
  } = steps;
  const safe = (m: string) => scrub(m, secrets);
  for (const { p, result } of applied) {
    if (result.writes === 0) continue;
    const objects = p.plan.plan.objects.filter((o) => o.desired && o.category !== 'prune').map((o) => o.desired!);
    const counts = { ...result, unchanged: p.plan.plan.counts.unchanged };
    const revision = await recordRevision(
      session.cluster,
      p.plan.set!,
      { name: p.app.name, env: p.app.env },
      {
        appliedAt: new Date().toISOString(),
        ...provenance(io.env, io.env.GITHUB_SHA || io.env.CI_COMMIT_SHA ? undefined : gitHead()),
        summary: summarize(counts),
        status,
        ...(context.rollbackOf !== undefined ? { rollbackOf: context.rollbackOf } : {}),
      },
      objects,
    ).catch((e) => {
      io.err.write(`warning: the revision of ${p.app.name} was not recorded: ${safe((e as Error).message)}\n`);
      return undefined;
    });
    if (revision !== undefined)
      io.out.write(`${p.app.name}: revision ${revision} recorded (lading history --name ${p.app.name}${p.app.env ? ` --env ${p.app.env}` : ''})\n`);
  }
}
