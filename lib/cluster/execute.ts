import { type ApplySetRef, appliedBy, groupKind, memberOf, parentObject, readParent } from '../apply/applyset.js';
import { isMembershipField } from '../apply/gate.js';
import type { Progress } from '../apply/progress.js';
import { readinessRule } from '../apply/readiness.js';
import type { ApplyWave, ApplyWaves } from '../apply/waves.js';
import type { KubeObject } from '../manifest/object.js';
import { fieldsOf } from '../plan/fieldset.js';
import type { ObjectPlan } from '../plan/types.js';
import { Semaphore } from './semaphore.js';
import { ApiError, type KubeClient, toApiError } from './client.js';
import { type Discovery, type ResourceInfo, resourcePath } from './discovery.js';
import { FIELD_MANAGER, getObject, renameManager, serverSideApply } from './objects.js';

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
  /** A client that no interruption aborts: what must finish once started (a replace's re-create). */
  readonly steadyClient?: KubeClient;
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function where(o: { id: string; namespace?: string }): string {
  return `${o.id}${o.namespace ? ` -n ${o.namespace}` : ''}`;
}

class Interrupted extends Error {}

/**
 * Writes one application's plan: the ApplySet parent first (a superset of old and new
 * contents), then the waves in order with bounded parallelism, then (with prune) deletions in
 * reverse order, then the parent shrunk to what is left. Stops starting requests once
 * `stopped()` or a write failed; what is in flight finishes.
 */
export async function execute(client: KubeClient, discovery: Discovery, options: ExecuteOptions): Promise<ExecuteResult> {
  const limit = new Semaphore(options.concurrency);
  const counts = { created: 0, changed: 0, replaced: 0, pruned: 0, writes: 0 };
  const failures: string[] = [];
  const done = new Set<ObjectPlan>();
  const halted = () => options.stopped() || failures.length > 0;
  const { set, waves, progress } = options;

  const guarded = async <T>(task: () => Promise<T>): Promise<T> => limit.run(async () => {
    if (halted()) throw new Interrupted();
    counts.writes++;
    return task();
  });

  const infoOf = async (o: { apiVersion: string; kind: string }): Promise<ResourceInfo> => {
    const info = await discovery.lookup(o.apiVersion, o.kind);
    if (!info) throw new Error(`the server does not serve kind ${o.kind} in ${o.apiVersion}`);
    return info;
  };

  const apply = (o: ObjectPlan, info: ResourceInfo) => serverSideApply(client, info, withPrecondition(o), {
    force: options.forceConflicts || (options.adopt === true && o.otherSet !== undefined && o.conflicts.every((c) => isMembershipField(c.path))),
    fieldManager: set.manager,
  });

  // Fields lading 0.1 applied under its shared manager become this application's.
  // Read again first: the object planned may have changed since (a controller, a slow answer at
  // the prompt), and the rename is guarded by the resourceVersion it patches.
  const migrate = async (o: ObjectPlan, info: ResourceInfo): Promise<void> => {
    if (!o.migrateFrom || !o.live) return;
    await guarded(async () => {
      const now = await getObject(client, info, o.namespace, o.name);
      if (!now || now.metadata?.uid !== o.live!.metadata?.uid || memberOf(now) !== memberOf(o.live)) return;
      if (fieldsOf(now, set.manager) || !fieldsOf(now, o.migrateFrom!)) return;
      await renameManager(client, info, now, o.migrateFrom!, set.manager);
    });
  };

  const applyOne = async (o: ObjectPlan): Promise<void> => {
    const desired = o.desired!;
    const info = await infoOf(desired);
    progress.update(where(o), 'applying');
    if (o.category === 'replace') {
      // Once the delete is sent, the object is re-created whatever happens (Ctrl-C included):
      // waiting and re-creating use the client no interruption aborts. Never left deleted.
      await guarded(() => deleteWith(client, info, o.namespace, o.name, o.live?.metadata?.uid as string | undefined, 'Foreground', o.precondition?.resourceVersion));
      const steady = options.steadyClient ?? client;
      await waitGone(steady, info, o, o.live?.metadata?.uid as string | undefined, Date.now() + 120_000, () => false);
      counts.writes++;
      await serverSideApply(steady, info, o.desired!, { force: options.forceConflicts, fieldManager: set.manager });
      counts.replaced++;
      progress.update(where(o), 'replaced');
    } else {
      await migrate(o, info);
      await guarded(() => apply(o, info));
      if (o.category === 'create') counts.created++;
      else counts.changed++;
      progress.update(where(o), o.category === 'create' ? 'created' : 'configured');
    }
    done.add(o);
  };

  const runWave = async (objects: readonly ObjectPlan[], action: (o: ObjectPlan) => Promise<void>): Promise<void> => {
    await Promise.all(objects.map(async (o) => {
      if (halted()) return;
      try {
        await action(o);
      } catch (e) {
        if (e instanceof Interrupted) return;
        const message = e instanceof ApiError ? `${e.message} (${e.status} ${e.reason})` : (e as Error).message;
        failures.push(`${where(o)}: ${options.scrub(message)}`);
        progress.update(where(o), 'failed', options.scrub(message));
      }
    }));
  };

  const all = waves.writes.flatMap((w) => w.objects);
  const deletions = options.prune ? waves.deletes.flatMap((w) => w.objects) : [];
  const notDone = () => [...all, ...deletions].filter((o) => !done.has(o)).map(where);
  const result = (): ExecuteResult => ({ ...counts, notDone: notDone(), failures, interrupted: options.stopped() });

  // The parent's namespace may be created by this apply: it comes first.
  const [first, rest] = splitParentNamespace(waves.writes, set);
  await runWave(first, applyOne);
  if (halted()) return result();

  const desiredObjects = [...all, ...waves.unchanged].map((o) => o.desired!).filter(Boolean);
  const live = readParent(options.parent);
  const superset = parentObject(set, [...live.groupKinds, ...desiredObjects.map(groupKind)], [set.namespace, ...live.namespaces, ...namespacesOf(desiredObjects)]);
  let parent = options.parent;
  if (!sameParent(options.parent, superset)) {
    try {
      parent = await guarded(() => serverSideApply(client, PARENT_INFO, superset, { force: true }));
    } catch (e) {
      if (e instanceof Interrupted) return result();
      failures.push(`ApplySet parent configmap/${set.name} -n ${set.namespace}: ${options.scrub((e as Error).message)}`);
      return result();
    }
  }

  for (const wave of rest) {
    await runWave(wave.objects, applyOne);
    if (halted()) return result();
    await settleDefinitions(client, discovery, wave, options, failures);
    if (halted()) return result();
  }
  await runWave(waves.unchanged.filter((o) => o.migrateFrom), async (o) => migrate(o, await infoOf(o)));
  if (halted()) return result();

  if (!options.prune) return result();
  const deleted: ObjectPlan[] = [];
  const deleteDeadline = Date.now() + (options.deleteTimeoutMs ?? 300_000);
  for (const wave of waves.deletes) {
    await runWave(wave.objects, async (o) => {
      const info = await infoOf(o);
      // Read again just before deleting: the very object planned, still a member, still ours.
      const uid = o.live?.metadata?.uid as string | undefined;
      const now = await getObject(client, info, o.namespace, o.name);
      if (!now || (uid && now.metadata?.uid !== uid)) {
        done.add(o);
        progress.update(where(o), 'pruned', 'already gone');
        return;
      }
      if (memberOf(now) !== set.id || !appliedBy(now, set)) throw new Error(`no longer a member applied by this application (ApplySet ${set.id}): not pruned`);
      progress.update(where(o), 'deleting');
      const pinned = o.precondition?.resourceVersion;
      if (pinned && now.metadata?.resourceVersion !== pinned) throw new Error(`changed in the cluster since the plan (resourceVersion ${pinned}, now ${String(now.metadata?.resourceVersion)}): not pruned`);
      await guarded(() => deleteWith(client, info, o.namespace, o.name, uid, 'Background', pinned ?? now.metadata?.resourceVersion as string | undefined));
      deleted.push(o);
    });
    if (halted()) return result();
    // A wave is done when its objects are gone: a CRD's resources before the CRD, a namespace's
    // contents before what they need. Objects held by finalizers are named with them.
    await runWave(deleted.splice(0), async (o) => {
      await waitGone(client, await infoOf(o), o, o.live?.metadata?.uid as string | undefined, deleteDeadline, options.stopped);
      counts.pruned++;
      done.add(o);
      progress.update(where(o), 'pruned');
    });
    if (halted()) return result();
  }

  // Members are now exactly the desired objects: the parent lists only what is left (and kinds
  // not served now, whose members could not be looked for).
  const exact = parentObject(set, [...desiredObjects.map(groupKind), ...(options.unlisted ?? [])], [set.namespace, ...namespacesOf(desiredObjects)]);
  if (!sameParent(parent, exact)) {
    try {
      await guarded(() => serverSideApply(client, PARENT_INFO, exact, { force: true }));
    } catch (e) {
      if (!(e instanceof Interrupted)) failures.push(`ApplySet parent configmap/${set.name} -n ${set.namespace}: ${options.scrub((e as Error).message)}`);
    }
  }
  return result();
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
async function settleDefinitions(client: KubeClient, discovery: Discovery, wave: ApplyWave, options: ExecuteOptions, failures: string[]): Promise<void> {
  const crds = wave.objects.filter((o) => o.kind === 'CustomResourceDefinition');
  if (!crds.length) return;
  const rule = readinessRule({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' })!;
  const info = await discovery.lookup('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  const deadline = Date.now() + 60_000;
  for (const o of crds) {
    for (;;) {
      if (options.stopped()) return;
      const live = await getObject(client, info!, undefined, o.name);
      const state = live ? rule.check(live, []) : { state: 'waiting', message: 'not found' };
      if (state.state === 'ready') break;
      if (state.state === 'failed' || Date.now() > deadline) {
        failures.push(`${where(o)}: ${state.state === 'failed' ? state.message : 'not Established after 60s'}`);
        return;
      }
      await sleep(200);
    }
  }
  // The API server publishes a new kind in discovery a moment after its CRD is Established.
  const kinds = crds.flatMap((o) => servedKinds(o.desired));
  for (;;) {
    discovery.refresh();
    const missing: string[] = [];
    for (const k of kinds) if (!(await discovery.lookup(k.apiVersion, k.kind))) missing.push(`${k.kind} (${k.apiVersion})`);
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

/** DELETE with a uid precondition (never a re-created namesake) and a propagation policy. */
export async function deleteWith(client: KubeClient, info: ResourceInfo, namespace: string | undefined, name: string, uid: string | undefined, propagationPolicy: 'Background' | 'Foreground', resourceVersion?: string): Promise<boolean> {
  const preconditions = { ...(uid ? { uid } : {}), ...(resourceVersion ? { resourceVersion } : {}) };
  const spec = {
    method: 'DELETE' as const,
    path: resourcePath(info, namespace, name),
    body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy, ...(Object.keys(preconditions).length ? { preconditions } : {}) },
  };
  const res = await client.request(spec);
  if (res.status === 404) return false;
  // The object checked just before may have changed since (relabelled, adopted): not deleted.
  if (res.status === 409 && resourceVersion) throw new Error('changed between the check and the delete: not pruned (the next run checks again)');
  if (res.status === 409 && uid) return false; // precondition failed: already replaced by another object
  if (res.status >= 300) throw toApiError(res, spec);
  return true;
}

// Until the object is gone (or replaced by a namesake), bounded by the deadline.
async function waitGone(client: KubeClient, info: ResourceInfo, o: ObjectPlan, uid: string | undefined, deadline: number, stopped: () => boolean): Promise<void> {
  for (;;) {
    const live = await getObject(client, info, o.namespace, o.name);
    if (!live || (uid && live.metadata?.uid !== uid)) return;
    if (stopped()) throw new Interrupted();
    if (Date.now() > deadline) {
      const finalizers = (live.metadata?.finalizers as string[] | undefined) ?? [];
      throw new Error(`deleted but still there${finalizers.length ? `, held by finalizer${finalizers.length === 1 ? '' : 's'} ${finalizers.join(', ')}` : ''} (the next run checks again)`);
    }
    await sleep(250);
  }
}

export { FIELD_MANAGER };
