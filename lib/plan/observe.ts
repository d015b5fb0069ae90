import { type ApplySetRef, APPLYSET, appliedBy, applySetName, foreignTooling, LEGACY_MANAGER, memberOf, readParent } from '../core/applyset.js';
import { ApiError } from '../core/api-error.js';
import type { ClusterApi, ResourceInfo } from '../core/cluster-api.js';
import { HISTORY } from '../core/names.js';
import { displayName, type KubeObject, objectKey } from '../manifest/object.js';
import { customKinds } from '../validate/crd-schema.js';
import type { ObjectOrigin } from '../validate/diagnostic.js';
import type { Observation } from './build.js';
import { fieldsOf } from './fieldset.js';
import { pruneCosts as pruneCosts_ } from './prune-cost.js';
import { readByName } from './read-by-name.js';
import type { Conflict } from './types.js';
import { provablyUnchanged } from './unchanged.js';

export interface DesiredInput {
  readonly object: KubeObject;
  readonly origin?: ObjectOrigin;
  /** A Secret construct's full sources (literal values included), when synthesized from apps/. */
  readonly secretSources?: Readonly<Record<string, unknown>>;
}

export interface ObserveOptions {
  /** The field manager of the application (its set's manager when there is a set). */
  readonly manager: string;
  /** Namespace for namespaced objects that have none (--namespace, else the context's). */
  readonly defaultNamespace: string;
  /** The application's ApplySet: its members that are no longer desired are prune candidates. */
  readonly set?: ApplySetRef;
  /** More objects than this of one kind in one namespace are read with one LIST, fewer with GETs. */
  readonly listThreshold?: number;
}

export interface ObserveResult {
  readonly observations: Observation[];
  readonly prune: KubeObject[];
  /** Objects labelled as members of the set that this application never applied: never pruned. */
  readonly strays: KubeObject[];
  /** Objects lading 0.1 applied into a set another application also wrote (its history says so): not pruned, with why. */
  readonly heldBack: { readonly object: KubeObject; readonly reason: string }[];
  /** Group-kinds the parent lists that the server no longer serves: kept in the parent, unpruned. */
  readonly unlisted: string[];
  /** What each dangerous prune takes with it (a namespace's contents, a CRD's resources, a volume's data). */
  readonly pruneCosts: Map<KubeObject, string>;
  /** The live ApplySet parent, if any. */
  readonly parent?: KubeObject;
  /** Objects of kinds the server does not serve (and no CRD among the inputs defines). */
  readonly unknown: { readonly input: DesiredInput; readonly message: string }[];
  /** How each desired object is served (same order as the observations' desired objects). */
  readonly resources: Map<string, ResourceInfo | undefined>;
}

/** An error that stops a plan before anything is written. */
export class ObserveError extends Error {}

interface Resolved {
  readonly input: DesiredInput;
  readonly object: KubeObject;
  readonly info?: ResourceInfo;
  waitsFor?: string;
}

async function resolve(inputs: readonly DesiredInput[], cluster: ClusterApi, options: ObserveOptions) {
  const crds = customKinds(inputs.map((i) => i.object));
  const resolved: Resolved[] = [];
  const unknown: ObserveResult['unknown'] = [];
  for (const input of inputs) {
    const o = input.object;
    const info = await cluster.lookup(o.apiVersion, o.kind);
    const crd = info ? undefined : crds.get(`${o.apiVersion}|${o.kind}`);
    if (!info && !crd) {
      unknown.push({
        input,
        message: `${displayName(o)}: the server does not serve kind ${o.kind} in ${o.apiVersion} (is its CustomResourceDefinition installed, or among the inputs?)`,
      });
      continue;
    }
    const namespaced = info ? info.namespaced : crd!.namespaced;
    const object = inScope(o, namespaced, options.defaultNamespace);
    resolved.push({ input, object, info, waitsFor: crd ? `its CustomResourceDefinition ${crd.crdName}, created by this apply` : undefined });
  }
  return { resolved, unknown };
}

/**
 * The object as the server identifies it: a namespaced object without a namespace gets the
 * default one; a cluster-scoped object loses the namespace the server would ignore (Helm and
 * vendored YAML often carry one), so identity, prune and history all see one key.
 */
export function inScope(o: KubeObject, namespaced: boolean, defaultNamespace: string): KubeObject {
  if (namespaced) return o.metadata?.namespace ? o : { ...o, metadata: { ...o.metadata, namespace: defaultNamespace } };
  if (o.metadata?.namespace === undefined) return o;
  const { namespace: _ignored, ...metadata } = o.metadata;
  return { ...o, metadata };
}

const namespaceInfo: ResourceInfo = { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false, verbs: [] };

// Objects in a namespace that this input creates cannot be dry-run until it exists.
async function markMissingNamespaces(cluster: ClusterApi, resolved: Resolved[]): Promise<void> {
  const created = new Set(resolved.filter((r) => r.object.kind === 'Namespace' && r.object.apiVersion === 'v1').map((r) => r.object.metadata?.name));
  const used = new Set(resolved.filter((r) => r.info?.namespaced !== false && r.object.metadata?.namespace).map((r) => r.object.metadata!.namespace!));
  const missing = new Set<string>();
  await Promise.all(
    [...used]
      .filter((ns) => created.has(ns))
      .map(async (ns) => {
        if (!(await cluster.get(namespaceInfo, undefined, ns))) missing.add(ns);
      }),
  );
  for (const r of resolved) {
    const ns = r.object.metadata?.namespace;
    if (ns && missing.has(ns) && r.object.kind !== 'Namespace') r.waitsFor ??= `namespace ${ns}, created by this apply`;
  }
}

// Live objects by key: one LIST per kind and namespace when that saves requests, else GETs.
async function readLive(cluster: ClusterApi, resolved: readonly Resolved[], threshold: number): Promise<Map<string, KubeObject>> {
  const live = new Map<string, KubeObject>();
  const groups = new Map<string, Resolved[]>();
  for (const r of resolved) {
    if (!r.info || r.waitsFor) continue;
    const key = `${r.object.apiVersion}|${r.object.kind}|${r.info.namespaced ? (r.object.metadata?.namespace ?? '') : ''}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  await Promise.all(
    [...groups.values()].map(async (members) => {
      const { info, object } = members[0]!;
      const ns = info!.namespaced ? object.metadata?.namespace : undefined;
      const found = await readByName(
        cluster,
        info!,
        ns,
        members.map((m) => m.object.metadata?.name ?? ''),
        threshold,
      );
      for (const m of members) {
        const item = found.get(m.object.metadata?.name ?? '');
        if (item) live.set(objectKey(m.object), item);
      }
    }),
  );
  return live;
}

function conflictsOf(e: ApiError): Conflict[] {
  const causes = (e.details as { causes?: { field?: string; message?: string }[] } | undefined)?.causes ?? [];
  return causes.map((c) => ({
    path: (c.field ?? '').replace(/^\./, ''),
    manager: /conflict with "([^"]+)"/.exec(c.message ?? '')?.[1] ?? c.message ?? 'another manager',
  }));
}

function isImmutable(e: ApiError): boolean {
  return e.status === 422 && /immutable|may not change|cannot be changed|field is immutable/i.test(e.message);
}

async function dryRun(cluster: ClusterApi, r: Resolved, manager: string): Promise<Partial<Observation>> {
  try {
    return { dryRun: await cluster.apply(r.info!, r.object, { dryRun: true, fieldManager: manager }) };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 409) {
      // Conflicts: record them, and see what a forced apply would do.
      const conflicts = conflictsOf(e);
      try {
        return { conflicts, dryRun: await cluster.apply(r.info!, r.object, { dryRun: true, force: true, fieldManager: manager }) };
      } catch (forced) {
        if (!(forced instanceof ApiError)) throw forced;
        return { conflicts, failure: { status: forced.status, reason: forced.reason, message: forced.message, immutable: isImmutable(forced) } };
      }
    }
    return { failure: { status: e.status, reason: e.reason, message: e.message, immutable: isImmutable(e) } };
  }
}

async function readInventory(cluster: ClusterApi, set: ApplySetRef, resolved: readonly Resolved[]) {
  const parentInfo = await cluster.lookup('v1', 'ConfigMap');
  const parent = await cluster.get(parentInfo!, set.namespace, set.name);
  const foreign = foreignTooling(parent);
  if (foreign) throw new ObserveError(foreign);
  // Only kinds the parent lists can have members: the parent is written (a superset) before them.
  const declared = readParent(parent);
  const namespaces = new Set([set.namespace, ...declared.namespaces, ...resolved.map((r) => r.object.metadata?.namespace).filter((n): n is string => !!n)]);
  const selector = `${APPLYSET.partOfLabel}=${set.id}`;
  const members: KubeObject[] = [];
  const unlisted: string[] = [];
  const all = await cluster.resources();
  await Promise.all(
    [...new Set(declared.groupKinds)].map(async (gk) => {
      const [kind, ...rest] = gk.split('.');
      const group = rest.join('.');
      const info = all.find((i) => i.kind === kind && i.group === group);
      if (!info) {
        unlisted.push(gk); // not served now (a CRD being re-installed?): its members stay in the parent
        return;
      }
      const scopes = info.namespaced ? [...namespaces] : [undefined];
      for (const ns of scopes) members.push(...(await cluster.list(info, ns, { labelSelector: selector })));
    }),
  );
  return { parent, members, unlisted: unlisted.sort() };
}

/** The manager to plan an object with: ours, or lading 0.1's shared one until it is migrated. */
function plannedManager(live: KubeObject | undefined, set: ApplySetRef | undefined, manager: string): { manager: string; migrate?: true } {
  // A member of this set, or of another (0.1's set of an application with an environment, adopted
  // with --adopt): else the shared manager would keep every field and conflict with each change.
  if (!live || !set || memberOf(live) === undefined) return { manager };
  if (fieldsOf(live, manager) || !fieldsOf(live, LEGACY_MANAGER)) return { manager };
  // A dry-run as the old manager, before renaming it, gives what renaming then applying gives.
  return { manager: LEGACY_MANAGER, migrate: true };
}

const HISTORY_SECRETS: ResourceInfo = { group: '', version: 'v1', kind: 'Secret', resource: 'secrets', namespaced: true, verbs: [] };

/** Other applications (app[, env]) whose history records claim this set; undefined: unreadable. */
async function otherWriters(cluster: ClusterApi, set: ApplySetRef): Promise<string[] | undefined> {
  try {
    // Labels are all it takes: ask for metadata only (records hold whole manifests).
    const records = await cluster.list(HISTORY_SECRETS, set.namespace, { labelSelector: `${HISTORY.setLabel}=${set.id}`, metadataOnly: true });
    const others = new Set<string>();
    for (const r of records) {
      const labels = r.metadata?.labels ?? {};
      const app = labels[HISTORY.appLabel] ?? '';
      const env = labels[HISTORY.envLabel];
      let name: string | undefined;
      try {
        name = applySetName(app, env);
      } catch {
        name = undefined;
      }
      if (name !== set.name) others.add(`application ${app}${env ? ` (env ${env})` : ''}`);
    }
    return [...others].sort();
  } catch {
    return undefined;
  }
}

// "applyset-…-v1" is opaque: name the parent that carries the id, where it can be found.
async function nameOtherSets(cluster: ClusterApi, observations: Observation[]): Promise<void> {
  const ids = [...new Set(observations.map((o) => o.otherSet).filter((id): id is string => !!id))];
  if (!ids.length) return;
  const info = await cluster.lookup('v1', 'ConfigMap');
  const names = new Map<string, string>();
  await Promise.all(
    ids.map(async (id) => {
      const parents = await cluster.list(info!, undefined, { labelSelector: `${APPLYSET.idLabel}=${id}` }).catch(() => []);
      const p = parents[0];
      const tooling = readParent(p).tooling;
      names.set(id, p ? `configmap/${p.metadata?.name} -n ${p.metadata?.namespace}${tooling ? `, ${tooling}` : ''}, id ${id}` : id);
    }),
  );
  observations.forEach((o, i) => {
    if (o.otherSet) observations[i] = { ...o, otherSet: names.get(o.otherSet) ?? o.otherSet };
  });
}

function beingDeleted(live: KubeObject): string {
  const finalizers = (live.metadata?.finalizers as string[] | undefined) ?? [];
  const held = finalizers.length ? `, held by finalizer${finalizers.length === 1 ? '' : 's'} ${finalizers.join(', ')}` : '';
  return `being deleted (since ${String(live.metadata?.deletionTimestamp)}${held}): created again once it is gone`;
}

// Desired Namespaces being deleted: their contents go with them (the namespace controller), so
// each desired object inside is created again after them, whatever it looks like now.
function namespacesBeingDeleted(resolved: readonly Resolved[], live: ReadonlyMap<string, KubeObject>): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of resolved) {
    const current = live.get(objectKey(r.object));
    if (r.object.kind === 'Namespace' && r.object.apiVersion === 'v1' && current?.metadata?.deletionTimestamp) {
      out.set(
        r.object.metadata?.name ?? '',
        `its namespace ${r.object.metadata?.name} is being deleted (since ${String(current.metadata.deletionTimestamp)}): created again once it is gone`,
      );
    }
  }
  return out;
}

/** Reads what the cluster has for each desired object and what a server-side apply would do. */
export async function observe(cluster: ClusterApi, inputs: readonly DesiredInput[], options: ObserveOptions): Promise<ObserveResult> {
  const { resolved, unknown } = await resolve(inputs, cluster, options);
  await markMissingNamespaces(cluster, resolved);
  const live = await readLive(cluster, resolved, options.listThreshold ?? 3);
  const goingNamespaces = namespacesBeingDeleted(resolved, live);
  const observations = await Promise.all(
    resolved.map(async (r): Promise<Observation> => {
      const current = live.get(objectKey(r.object));
      const { manager, migrate } = plannedManager(current, options.set, options.manager);
      const owner = current && options.set ? memberOf(current) : undefined;
      const base = {
        desired: r.object,
        origin: r.input.origin,
        manager,
        ...(current ? { live: current } : {}),
        ...(migrate ? { migrateFrom: LEGACY_MANAGER } : {}),
        ...(owner && owner !== options.set!.id ? { otherSet: owner } : {}),
      };
      // Being deleted: gone once its finalizers are done, whatever is applied to it now.
      if (current?.metadata?.deletionTimestamp) return { ...base, beingDeleted: beingDeleted(current) };
      const goingWith = goingNamespaces.get(r.object.metadata?.namespace ?? '');
      if (goingWith && r.info?.namespaced) return { ...base, beingDeleted: goingWith };
      if (current && provablyUnchanged(r.object, current, manager)) return { ...base, provenUnchanged: true };
      if (r.waitsFor) return { ...base, waitsFor: r.waitsFor };
      return { ...base, ...(await dryRun(cluster, r, manager)) };
    }),
  );
  await nameOtherSets(cluster, observations);
  let prune: KubeObject[] = [];
  let strays: KubeObject[] = [];
  let heldBack: ObserveResult['heldBack'] = [];
  let unlisted: string[] = [];
  let parent: KubeObject | undefined;
  if (options.set) {
    const set = options.set;
    const inventory = await readInventory(cluster, set, resolved);
    parent = inventory.parent;
    unlisted = inventory.unlisted;
    const desiredKeys = new Set(resolved.map((r) => objectKey(r.object)));
    const gone = inventory.members.filter((m) => !desiredKeys.has(objectKey(m)));
    // A copied label does not make an object ours: it must have been applied by this application.
    prune = gone.filter((m) => appliedBy(m, set));
    strays = gone.filter((m) => !appliedBy(m, set));
    // lading 0.1 named app "a" in env "b" and app "a-b" alike, with one shared manager: its objects
    // in such a set may be another application's, and then only the history tells whose.
    const legacyOnly = prune.filter((m) => !fieldsOf(m, set.manager));
    if (legacyOnly.length) {
      const writers = await otherWriters(cluster, set);
      if (writers === undefined || writers.length) {
        const reason =
          writers === undefined
            ? `applied by lading 0.1's shared field manager, and this set's history could not be read to tell whose it is: not pruned`
            : `applied by lading 0.1's shared field manager into a set that ${writers.join(', ')} also wrote (its history): not pruned, it may be theirs; delete it yourself if it is not`;
        heldBack = legacyOnly.map((object) => ({ object, reason }));
        prune = prune.filter((m) => !legacyOnly.includes(m));
      }
    }
  }
  const resources = new Map(resolved.map((r) => [objectKey(r.object), r.info]));
  const pruneCosts = await pruneCosts_(cluster, prune);
  return { observations, prune, strays, heldBack, unlisted, pruneCosts, unknown, resources, ...(parent ? { parent } : {}) };
}
