import { applySetRef, LEGACY_MANAGER, withMembership } from '../../lib/core/applyset.js';
import { deleteWith } from '../../lib/apply/delete.js';
import { execute, type ExecuteResult } from '../../lib/apply/execute.js';
import { Progress } from '../../lib/apply/progress.js';
import { planWaves } from '../../lib/apply/waves.js';
import type { ClusterApi, ResourceInfo } from '../../lib/core/cluster-api.js';
import type { KubeObject } from '../../lib/manifest/object.js';
import { buildPlan } from '../../lib/plan/build.js';
import { observe } from '../../lib/plan/observe.js';
import type { Plan } from '../../lib/plan/types.js';

/**
 * The engine runs that test/fixtures/recorded/ holds: each is recorded against the real control
 * plane (test/support/record-engine.ts) and replayed by the unit tests of lib/plan and lib/apply.
 * Names are fixed (a replay must send the very requests recorded); setup is not recorded.
 */
export interface Scenario {
  readonly name: string;
  readonly scenario: string;
  readonly namespace: string;
  /** Brings the cluster to the state the run starts from (through the live cluster, unrecorded). */
  setup(live: ClusterApi): Promise<void>;
  /** The engine run that is recorded; `between` runs (when recording only) after the plan. */
  run(cluster: ClusterApi, between?: () => Promise<void>): Promise<Outcome>;
  /** What another actor does between plan and execute (recording only). */
  between?(live: ClusterApi): Promise<void>;
}

export interface Outcome {
  readonly plan: Plan;
  readonly result?: ExecuteResult;
  /** A failure the scenario expects (message). */
  readonly error?: string;
  /** Whether a delete guarded by another object's uid (a namesake) deleted anything. */
  readonly deletedNamesake?: boolean;
}

const APP = 'rec';
const CONFIGMAPS: ResourceInfo = { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true, verbs: [] };

const configMap = (ns: string, name: string, data: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data,
  ...extra,
});

/** observe, then the pure plan, as `lading diff` does for one application. */
export async function planApp(cluster: ClusterApi, ns: string, objects: readonly KubeObject[]) {
  const set = applySetRef(APP, ns);
  const inputs = objects.map((o) => ({ object: withMembership(o, set) }));
  const observed = await observe(cluster, inputs, { manager: set.manager, defaultNamespace: ns, set });
  const plan = buildPlan(observed.observations, observed.prune, { manager: set.manager, legacyManager: LEGACY_MANAGER, pruneCosts: observed.pruneCosts });
  return { set, observed, plan };
}

/** The plan written, as `lading apply` does (no prompt, no wait). */
export async function executeApp(
  cluster: ClusterApi,
  planned: Awaited<ReturnType<typeof planApp>>,
  flags: { prune?: boolean; forceConflicts?: boolean } = {},
): Promise<ExecuteResult> {
  return execute(cluster, {
    set: planned.set,
    waves: planWaves(planned.plan.objects),
    parent: planned.observed.parent,
    unlisted: planned.observed.unlisted,
    prune: flags.prune === true,
    forceConflicts: flags.forceConflicts === true,
    concurrency: 4,
    progress: new Progress({ write: () => true }),
    stopped: () => false,
    scrub: (m) => m,
  });
}

/** Plan, then execute that plan: one `lading apply --yes`. */
async function planThenExecute(
  cluster: ClusterApi,
  ns: string,
  objects: readonly KubeObject[],
  flags: { prune?: boolean; forceConflicts?: boolean } = {},
): Promise<Outcome> {
  const planned = await planApp(cluster, ns, objects);
  return { plan: planned.plan, result: await executeApp(cluster, planned, flags) };
}

async function applyApp(cluster: ClusterApi, ns: string, objects: readonly KubeObject[]): Promise<void> {
  const result = await executeApp(cluster, await planApp(cluster, ns, objects), { prune: true });
  if (result.failures.length) throw new Error(`setup failed: ${result.failures.join('; ')}`);
}

async function freshNamespace(live: ClusterApi, ns: string): Promise<void> {
  const info: ResourceInfo = { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false, verbs: [] };
  await live.delete(info, undefined, ns, { propagationPolicy: 'Foreground' });
  for (let i = 0; (await live.get(info, undefined, ns)) && i < 240; i++) await new Promise((r) => setTimeout(r, 500));
  await live.apply(info, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { fieldManager: 'test-setup' });
}

/** A fresh namespace holding `objects`, applied by the application as lading would. */
async function startWith(live: ClusterApi, ns: string, objects: readonly KubeObject[]): Promise<void> {
  await freshNamespace(live, ns);
  await applyApp(live, ns, objects);
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'conflict',
    scenario: 'a field another manager set is changed: the plan names the conflict; a forced apply takes it',
    namespace: 'lading-rec-conflict',
    async setup(live) {
      await freshNamespace(live, this.namespace);
      await live.apply(CONFIGMAPS, configMap(this.namespace, 'settings', { mode: 'fast' }), { fieldManager: 'other-tool' });
    },
    async run(cluster) {
      return planThenExecute(cluster, this.namespace, [configMap(this.namespace, 'settings', { mode: 'safe' })], { forceConflicts: true });
    },
  },
  {
    name: 'immutable-replace',
    scenario: 'an immutable ConfigMap changed: the dry-run fails as immutable, the plan replaces it, execute deletes and re-creates it',
    namespace: 'lading-rec-replace',
    async setup(live) {
      await startWith(live, this.namespace, [configMap(this.namespace, 'frozen', { v: '1' }, { immutable: true } as Partial<KubeObject>)]);
    },
    async run(cluster) {
      return planThenExecute(cluster, this.namespace, [configMap(this.namespace, 'frozen', { v: '2' }, { immutable: true } as Partial<KubeObject>)]);
    },
  },
  {
    name: 'prune',
    scenario:
      'a member no longer desired is pruned (re-read, uid and resourceVersion preconditions); a delete with a stale resourceVersion is refused by the server',
    namespace: 'lading-rec-prune',
    async setup(live) {
      await startWith(live, this.namespace, [configMap(this.namespace, 'keep', { a: '1' }), configMap(this.namespace, 'old', { b: '1' })]);
    },
    async run(cluster) {
      const planned = await planApp(cluster, this.namespace, [configMap(this.namespace, 'keep', { a: '1' })]);
      const result = await executeApp(cluster, planned, { prune: true });
      const keep = planned.plan.objects.find((o) => o.name === 'keep')!.live!;
      // The version read at plan time is stale once anything wrote the object: here, a bumped one.
      const stale = String(Number(keep.metadata?.resourceVersion) - 1);
      const error = await deleteWith(cluster, CONFIGMAPS, this.namespace, 'keep', keep.metadata?.uid as string, 'Background', stale).then(
        () => undefined,
        (e: Error) => e.message,
      );
      const deletedNamesake = await deleteWith(cluster, CONFIGMAPS, this.namespace, 'keep', `${String(keep.metadata?.uid)}-before`, 'Background');
      return { plan: planned.plan, result, deletedNamesake, ...(error ? { error } : {}) };
    },
  },
  {
    name: 'prune-relabelled',
    scenario: 'a prune candidate loses its ApplySet label between plan and execute: it is not deleted',
    namespace: 'lading-rec-relabel',
    async setup(live) {
      await startWith(live, this.namespace, [configMap(this.namespace, 'keep', { a: '1' }), configMap(this.namespace, 'taken', { b: '1' })]);
    },
    async between(live) {
      // Another tool takes the object over: the membership label goes (a JSON patch).
      await live.patch(CONFIGMAPS, this.namespace, 'taken', [{ op: 'remove', path: '/metadata/labels/applyset.kubernetes.io~1part-of' }]);
    },
    async run(cluster, between) {
      const planned = await planApp(cluster, this.namespace, [configMap(this.namespace, 'keep', { a: '1' })]);
      await between?.();
      return { plan: planned.plan, result: await executeApp(cluster, planned, { prune: true }) };
    },
  },
  {
    name: 'unchanged',
    scenario: 'an object exactly as applied is proven unchanged from the live object: no dry-run, no write',
    namespace: 'lading-rec-unchanged',
    async setup(live) {
      await startWith(live, this.namespace, [configMap(this.namespace, 'same', { a: '1' })]);
    },
    async run(cluster) {
      return planThenExecute(cluster, this.namespace, [configMap(this.namespace, 'same', { a: '1' })], { prune: true });
    },
  },
];
