import { ApiError } from '../core/api-error.js';
import type { ClusterApi, ResourceInfo } from '../core/cluster-api.js';
import { Semaphore } from '../core/semaphore.js';
import type { KubeObject } from '../manifest/object.js';
import { fieldsOf } from '../plan/fieldset.js';
import type { ObjectPlan } from '../plan/types.js';
import { type ApplySetRef, appliedBy, groupKind, memberOf, parentObject, readParent } from '../core/applyset.js';
import { deleteWith } from './delete.js';
import { isMembershipField } from './gate.js';
import type { Progress } from './progress.js';
import { readinessRule } from './readiness.js';
import { renameManager } from './rename-manager.js';
import type { ApplyWave, ApplyWaves } from './waves.js';
import { objectRef } from '../plan/object-ref.js';
import { sleep } from '../core/sleep.js';

export interface ExecuteOptions {
  readonly set: ApplySetRef;
  readonly waves: ApplyWaves;
  /** The live parent as observed (undefined: the set is new). */
  readonly parent?: KubeObject;
  /** Group-kinds the parent lists that are not served now: kept in the parent. */
  readonly unlisted?: readonly string[];
  readonly prune: boolean;
  readonly forceConflicts: boolean;
  /** Take over objects of other sets (their membership label conflicts by design). */
  readonly adopt?: boolean;
  readonly concurrency: number;
  readonly progress: Progress;
  /** True once the user asked to stop (SIGINT): no new request is started. */
  readonly stopped: () => boolean;
  /** The cluster as no interruption aborts it: what must finish once started (a replace's re-create). */
  readonly steady?: ClusterApi;
  /** How long the deletions of one wave may take to finish (finalizers) before the next starts. */
  readonly deleteTimeoutMs?: number;
  /** Turns a server message into one safe to print (secret values removed). */
  readonly scrub: (message: string) => string;
}

export interface ExecuteResult {
  readonly created: number;
  readonly changed: number;
  readonly replaced: number;
  readonly pruned: number;
  /** Objects not written or deleted because of an interruption or an earlier failure. */
  readonly notDone: readonly string[];
  readonly failures: readonly string[];
  readonly interrupted: boolean;
  /** Writes sent (parent included): zero for a no-op. */
  readonly writes: number;
}

class Interrupted extends Error {}

/**
 * Writes one application's plan: the ApplySet parent first (a superset of old and new
 * contents), then the waves in order with bounded parallelism, then (with prune) deletions in
 * reverse order, then the parent shrunk to what is left. Stops starting requests once
 * `stopped()` or a write failed; what is in flight finishes.
 */
export async function execute(cluster: ClusterApi, options: ExecuteOptions): Promise<ExecuteResult> {
  const run = new Execution(cluster, options);
  await run.steps();
  return run.result();
}

// One execute: its counts, failures and what is done, and one method per step.
class Execution {
  private readonly limit: Semaphore;
  private readonly counts = { created: 0, changed: 0, replaced: 0, pruned: 0, writes: 0 };
  private readonly failures: string[] = [];
  private readonly done = new Set<ObjectPlan>();
  private readonly set: ApplySetRef;
  private readonly writes: readonly ObjectPlan[];
  private readonly deletions: readonly ObjectPlan[];
  /** Every object the application has once done (written or unchanged). */
  private readonly desiredObjects: readonly KubeObject[];

  constructor(
    private readonly cluster: ClusterApi,
    private readonly options: ExecuteOptions,
  ) {
    this.limit = new Semaphore(options.concurrency);
    this.set = options.set;
    this.writes = options.waves.writes.flatMap((w) => w.objects);
    this.deletions = options.prune ? options.waves.deletes.flatMap((w) => w.objects) : [];
    this.desiredObjects = [...this.writes, ...options.waves.unchanged].map((o) => o.desired!).filter(Boolean);
  }

  result(): ExecuteResult {
    const notDone = [...this.writes, ...this.deletions].filter((o) => !this.done.has(o)).map(objectRef);
    return { ...this.counts, notDone, failures: this.failures, interrupted: this.options.stopped() };
  }

  async steps(): Promise<void> {
    const { waves } = this.options;
    // The parent's namespace may be created by this apply: it comes first.
    const [first, rest] = splitParentNamespace(waves.writes, this.set);
    await this.runWave(first, (o) => this.applyOne(o));
    if (this.halted()) return;
    const parent = await this.growParent();
    if (this.halted()) return;
    for (const wave of rest) {
      await this.runWave(wave.objects, (o) => this.applyOne(o));
      if (this.halted()) return;
      await settleDefinitions(this.cluster, wave, this.options, this.failures);
      if (this.halted()) return;
    }
    await this.runWave(
      waves.unchanged.filter((o) => o.migrateFrom),
      async (o) => this.migrate(o, await this.infoOf(o)),
    );
    if (this.halted() || !this.options.prune) return;
    await this.prune();
    if (this.halted()) return;
    await this.shrinkParent(parent);
  }

  private halted(): boolean {
    return this.options.stopped() || this.failures.length > 0;
  }

  // A write: bounded, counted, and never started once halted.
  private async guarded<T>(task: () => Promise<T>): Promise<T> {
    return this.limit.run(async () => {
      if (this.halted()) throw new Interrupted();
      this.counts.writes++;
      return task();
    });
  }

  private async infoOf(o: { apiVersion: string; kind: string }): Promise<ResourceInfo> {
    const info = await this.cluster.lookup(o.apiVersion, o.kind);
    if (!info) throw new Error(`the server does not serve kind ${o.kind} in ${o.apiVersion}`);
    return info;
  }

  // Runs `action` on each object at once (the semaphore bounds the writes); a failure is recorded and halts.
  private async runWave(objects: readonly ObjectPlan[], action: (o: ObjectPlan) => Promise<void>): Promise<void> {
    await Promise.all(
      objects.map(async (o) => {
        if (this.halted()) return;
        try {
          await action(o);
        } catch (e) {
          if (e instanceof Interrupted) return;
          const message = e instanceof ApiError ? `${e.message} (${e.status} ${e.reason})` : (e as Error).message;
          this.failures.push(`${objectRef(o)}: ${this.options.scrub(message)}`);
          this.options.progress.update(objectRef(o), 'failed', this.options.scrub(message));
        }
      }),
    );
  }

  // The parent as a superset of old and new contents, before any member is written.
  private async growParent(): Promise<KubeObject | undefined> {
    const { set, options } = this;
    const live = readParent(options.parent);
    const superset = parentObject(
      set,
      [...live.groupKinds, ...this.desiredObjects.map(groupKind)],
      [set.namespace, ...live.namespaces, ...namespacesOf(this.desiredObjects)],
    );
    if (sameParent(options.parent, superset)) return options.parent;
    return this.writeParent(superset);
  }

  // Members are now exactly the desired objects: the parent lists only what is left (and kinds
  // not served now, whose members could not be looked for).
  private async shrinkParent(parent: KubeObject | undefined): Promise<void> {
    const { set, options } = this;
    const exact = parentObject(
      set,
      [...this.desiredObjects.map(groupKind), ...(options.unlisted ?? [])],
      [set.namespace, ...namespacesOf(this.desiredObjects)],
    );
    if (!sameParent(parent, exact)) await this.writeParent(exact);
  }

  private async writeParent(parent: KubeObject): Promise<KubeObject | undefined> {
    try {
      return await this.guarded(() => this.cluster.apply(PARENT_INFO, parent, { force: true }));
    } catch (e) {
      if (!(e instanceof Interrupted))
        this.failures.push(`ApplySet parent configmap/${this.set.name} -n ${this.set.namespace}: ${this.options.scrub((e as Error).message)}`);
      return undefined;
    }
  }

  private async applyOne(o: ObjectPlan): Promise<void> {
    const info = await this.infoOf(o.desired!);
    const { progress } = this.options;
    progress.update(objectRef(o), 'applying');
    if (o.category === 'replace') {
      await this.replace(o, info);
      this.counts.replaced++;
      progress.update(objectRef(o), 'replaced');
    } else {
      if (o.awaitsDeletion) await this.untilDeleted(o, info);
      await this.migrate(o, info);
      await this.guarded(() =>
        this.cluster.apply(info, withPrecondition(o), {
          force:
            this.options.forceConflicts || (this.options.adopt === true && o.otherSet !== undefined && o.conflicts.every((c) => isMembershipField(c.path))),
          fieldManager: this.set.manager,
        }),
      );
      if (o.category === 'create') this.counts.created++;
      else this.counts.changed++;
      progress.update(objectRef(o), o.category === 'create' ? 'created' : 'configured');
    }
    this.done.add(o);
  }

  // Once the delete is sent, the object is re-created whatever happens (Ctrl-C included):
  // waiting and re-creating use the cluster no interruption aborts. Never left deleted.
  private async replace(o: ObjectPlan, info: ResourceInfo): Promise<void> {
    const uid = o.live?.metadata?.uid as string | undefined;
    await this.guarded(() => deleteWith(this.cluster, info, o.namespace, o.name, uid, 'Foreground', o.precondition?.resourceVersion));
    const steady = this.options.steady ?? this.cluster;
    await waitGone(steady, info, o, uid, Date.now() + 120_000, () => false);
    this.counts.writes++;
    await steady.apply(info, o.desired!, { force: this.options.forceConflicts, fieldManager: this.set.manager });
  }

  // A namesake being deleted is gone once its finalizers are done: created after that, not
  // patched (the patch would land on an object about to disappear).
  private async untilDeleted(o: ObjectPlan, info: ResourceInfo): Promise<void> {
    const deadline = Date.now() + (this.options.deleteTimeoutMs ?? 300_000);
    this.options.progress.update(objectRef(o), 'waiting', 'its namesake is being deleted');
    await waitGone(this.cluster, info, o, o.live?.metadata?.uid as string | undefined, deadline, this.options.stopped);
  }

  // Fields lading 0.1 applied under its shared manager become this application's.
  // Read again first: the object planned may have changed since (a controller, a slow answer at
  // the prompt), and the rename is guarded by the resourceVersion it patches.
  private async migrate(o: ObjectPlan, info: ResourceInfo): Promise<void> {
    if (!o.migrateFrom || !o.live) return;
    const { set } = this;
    await this.guarded(async () => {
      const now = await this.cluster.get(info, o.namespace, o.name);
      if (!now || now.metadata?.uid !== o.live!.metadata?.uid || memberOf(now) !== memberOf(o.live)) return;
      if (fieldsOf(now, set.manager) || !fieldsOf(now, o.migrateFrom!)) return;
      await renameManager(this.cluster, info, now, o.migrateFrom!, set.manager);
    });
  }

  // Deletions wave by wave (reverse order); a wave is done when its objects are gone.
  private async prune(): Promise<void> {
    const deadline = Date.now() + (this.options.deleteTimeoutMs ?? 300_000);
    for (const wave of this.options.waves.deletes) {
      const deleted: ObjectPlan[] = [];
      await this.runWave(wave.objects, async (o) => {
        if (await this.deleteChecked(o)) deleted.push(o);
      });
      if (this.halted()) return;
      // A CRD's resources before the CRD, a namespace's contents before what they need.
      // Objects held by finalizers are named with them.
      await this.runWave(deleted, async (o) => {
        await waitGone(this.cluster, await this.infoOf(o), o, o.live?.metadata?.uid as string | undefined, deadline, this.options.stopped);
        this.counts.pruned++;
        this.done.add(o);
        this.options.progress.update(objectRef(o), 'pruned');
      });
      if (this.halted()) return;
    }
  }

  // Read again just before deleting: the very object planned, still a member, still ours.
  // False when it is already gone.
  private async deleteChecked(o: ObjectPlan): Promise<boolean> {
    const {
      set,
      options: { progress },
    } = this;
    const info = await this.infoOf(o);
    const uid = o.live?.metadata?.uid as string | undefined;
    const now = await this.cluster.get(info, o.namespace, o.name);
    if (!now || (uid && now.metadata?.uid !== uid)) {
      this.done.add(o);
      progress.update(objectRef(o), 'pruned', 'already gone');
      return false;
    }
    if (memberOf(now) !== set.id || !appliedBy(now, set)) throw new Error(`no longer a member applied by this application (ApplySet ${set.id}): not pruned`);
    const pinned = o.precondition?.resourceVersion;
    if (pinned && now.metadata?.resourceVersion !== pinned)
      throw new Error(`changed in the cluster since the plan (resourceVersion ${pinned}, now ${String(now.metadata?.resourceVersion)}): not pruned`);
    progress.update(objectRef(o), 'deleting');
    await this.guarded(() =>
      deleteWith(this.cluster, info, o.namespace, o.name, uid, 'Background', pinned ?? (now.metadata?.resourceVersion as string | undefined)),
    );
    return true;
  }
}

// A write of a reviewed plan (apply --plan) carries the resourceVersion the plan saw: the server refuses it if the object changed since.
function withPrecondition(o: ObjectPlan): KubeObject {
  const rv = o.precondition?.resourceVersion;
  return rv ? { ...o.desired!, metadata: { ...o.desired!.metadata, resourceVersion: rv } } : o.desired!;
}

const PARENT_INFO: ResourceInfo = { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true, verbs: [] };

function namespacesOf(objects: readonly KubeObject[]): string[] {
  return objects.map((o) => o.metadata?.namespace).filter((n): n is string => !!n);
}

function sameParent(live: KubeObject | undefined, wanted: KubeObject): boolean {
  if (!live) return false;
  const a = live.metadata?.annotations ?? {};
  const w = wanted.metadata?.annotations ?? {};
  const l = live.metadata?.labels ?? {};
  return Object.entries(w).every(([k, v]) => (a[k] ?? '') === v) && Object.entries(wanted.metadata?.labels ?? {}).every(([k, v]) => l[k] === v);
}

function splitParentNamespace(writes: readonly ApplyWave[], set: ApplySetRef): [ObjectPlan[], ApplyWave[]] {
  const isParentNs = (o: ObjectPlan) => o.kind === 'Namespace' && o.apiVersion === 'v1' && o.name === set.namespace;
  const first = writes.flatMap((w) => w.objects.filter(isParentNs));
  const rest = writes.map((w) => ({ ...w, objects: w.objects.filter((o) => !isParentNs(o)) })).filter((w) => w.objects.length);
  return [first, rest];
}

// After CRDs are written, their custom resources need them Established and discovered.
async function settleDefinitions(cluster: ClusterApi, wave: ApplyWave, options: ExecuteOptions, failures: string[]): Promise<void> {
  const crds = wave.objects.filter((o) => o.kind === 'CustomResourceDefinition');
  if (!crds.length) return;
  const rule = readinessRule({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' })!;
  const info = await cluster.lookup('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  const deadline = Date.now() + 60_000;
  for (const o of crds) {
    for (;;) {
      if (options.stopped()) return;
      const live = await cluster.get(info!, undefined, o.name);
      const state = live ? rule.check(live, []) : { state: 'waiting', message: 'not found' };
      if (state.state === 'ready') break;
      if (state.state === 'failed' || Date.now() > deadline) {
        failures.push(`${objectRef(o)}: ${state.state === 'failed' ? state.message : 'not Established after 60s'}`);
        return;
      }
      await sleep(200);
    }
  }
  // The API server publishes a new kind in discovery a moment after its CRD is Established.
  const kinds = crds.flatMap((o) => servedKinds(o.desired));
  for (;;) {
    cluster.refreshDiscovery();
    const missing: string[] = [];
    for (const k of kinds) if (!(await cluster.lookup(k.apiVersion, k.kind))) missing.push(`${k.kind} (${k.apiVersion})`);
    if (missing.length === 0 || options.stopped()) return;
    if (Date.now() > deadline) {
      failures.push(`not served 60s after their CustomResourceDefinitions were Established: ${missing.join(', ')}`);
      return;
    }
    await sleep(200);
  }
}

// The apiVersion/kind pairs a CustomResourceDefinition serves.
function servedKinds(crd: KubeObject | undefined): { apiVersion: string; kind: string }[] {
  const spec = crd?.spec as { group?: string; names?: { kind?: string }; versions?: { name: string; served?: boolean }[] } | undefined;
  if (!spec?.group || !spec.names?.kind) return [];
  return (spec.versions ?? []).filter((v) => v.served !== false).map((v) => ({ apiVersion: `${spec.group}/${v.name}`, kind: spec.names!.kind! }));
}

// Until the object is gone (or replaced by a namesake), bounded by the deadline.
async function waitGone(
  cluster: ClusterApi,
  info: ResourceInfo,
  o: ObjectPlan,
  uid: string | undefined,
  deadline: number,
  stopped: () => boolean,
): Promise<void> {
  for (;;) {
    const live = await cluster.get(info, o.namespace, o.name);
    if (!live || (uid && live.metadata?.uid !== uid)) return;
    if (stopped()) throw new Interrupted();
    if (Date.now() > deadline) {
      const finalizers = (live.metadata?.finalizers as string[] | undefined) ?? [];
      throw new Error(
        `deleted but still there${finalizers.length ? `, held by finalizer${finalizers.length === 1 ? '' : 's'} ${finalizers.join(', ')}` : ''} (the next run checks again)`,
      );
    }
    await sleep(250);
  }
}
