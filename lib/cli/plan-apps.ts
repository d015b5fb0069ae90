import { randomBytes } from 'node:crypto';
import { type ApplySetRef, applySetRef, invalidSetPart, LEGACY_MANAGER, withMembership } from '../core/applyset.js';
import { dropAutoscaledReplicas, replicasScaledByOthers } from '../apply/autoscale.js';
import { withSecretChecksums } from '../apply/secret-checksum.js';
import { SALT_ANNOTATION } from '../core/names.js';
import { resolveSecretValues } from '../apply/secret-values.js';
import { resolveSource } from '../constructs/secret-source.js';
import type { ClusterApi } from '../core/cluster-api.js';
import { displayName, isRecord, type KubeObject, objectKey } from '../manifest/object.js';
import { ApiError, type ClientOptions, KubeClient } from '../cluster/client.js';
import { connect, ConnectionError, type Connection } from '../cluster/connection.js';
import { Discovery } from '../cluster/discovery.js';
import { LiveCluster } from '../cluster/live-cluster.js';
import { buildPlan } from '../plan/build.js';
import { ListSnapshot } from '../plan/list-snapshot.js';
import { observe, ObserveError, type ObserveResult } from '../plan/observe.js';
import { readByName } from '../plan/read-by-name.js';
import { scrub, secretValues } from '../plan/mask.js';
import type { AppPlan } from '../plan/report.js';
import type { DesiredApp } from './desired.js';
import { UserError } from './errors.js';
import { rulesInForce } from './project-rules.js';

export interface ClusterFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly concurrency?: string | number;
}

export interface ClusterSession {
  readonly connection: Connection;
  readonly client: KubeClient;
  readonly discovery: Discovery;
  /** The client and discovery as the engine sees them. */
  readonly cluster: LiveCluster;
  readonly defaultNamespace: string;
}

/** `hooks.onRequest` sees every request (apply's tests count writes with it). */
export function openSession(flags: ClusterFlags, hooks: Pick<ClientOptions, 'onRequest'> = {}): ClusterSession {
  const concurrency = flags.concurrency === undefined ? 16 : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UserError(`--concurrency ${flags.concurrency}: expected a whole number of at least 1`);
  let connection: Connection;
  try {
    connection = connect({ kubeconfig: flags.kubeconfig, context: flags.context }, concurrency * 2);
  } catch (e) {
    if (e instanceof ConnectionError) throw new UserError(e.message);
    throw e;
  }
  const client = new KubeClient(connection, { concurrency, ...hooks });
  const discovery = new Discovery(client);
  return { connection, client, discovery, cluster: new LiveCluster(client, discovery), defaultNamespace: flags.namespace ?? connection.namespace };
}

/** A failure talking to the cluster, as one line naming the server (never a stack trace). */
export function clusterFailure(e: unknown, session: ClusterSession, secrets: readonly string[] = []): UserError {
  if (e instanceof ApiError) return new UserError(`${session.connection.server.host}: ${e.request}: ${scrub(e.message, secrets)} (${e.status} ${e.reason})`);
  if (e instanceof ObserveError) return new UserError(e.message);
  const code = (e as NodeJS.ErrnoException).code;
  if (code) return new UserError(`cannot reach the API server ${session.connection.server.origin} (context ${session.connection.context}): ${code}`);
  throw e;
}

export interface PlannedApp {
  readonly app: DesiredApp;
  readonly plan: AppPlan;
  readonly observed: ObserveResult;
}

/**
 * Gives declared Secrets their values (from env, files, dotenv, or the app's code) and the
 * workloads that read them a checksum annotation, salted with the live Secret's salt.
 * A missing value stops everything: nothing is sent to the cluster. Idempotent.
 */
export async function prepareSecrets(
  app: DesiredApp,
  session: ClusterSession,
  env: NodeJS.ProcessEnv = process.env,
  cluster: ClusterApi = session.cluster,
): Promise<DesiredApp> {
  if (!app.inputs.some((i) => i.object.kind === 'Secret')) return app;
  const resolved = resolveSecretValues(
    app.inputs.map((i) => ({ object: i.object, sources: i.secretSources, where: i.origin?.constructPath ?? i.origin?.file })),
    (key, source) => resolveSource(key, source, env),
  );
  if (resolved.errors.length) {
    throw new UserError(`secret values missing, nothing was sent to the cluster:\n  ${resolved.errors.join('\n  ')}`);
  }
  const salts = await liveSalts(
    resolved.objects.filter((o) => o.kind === 'Secret' && o.metadata?.name),
    session,
    cluster,
  );
  const objects = withSecretChecksums(
    resolved.objects,
    (ns, name) => salts.get(`${ns ?? ''}/${name}`),
    () => randomBytes(16).toString('hex'),
  );
  return { ...app, inputs: app.inputs.map((input, i) => ({ ...input, object: objects[i]! })) };
}

// The checksum salts of the live Secrets.
async function liveSalts(secrets: readonly KubeObject[], session: ClusterSession, cluster: ClusterApi): Promise<Map<string, string>> {
  const salts = new Map<string, string>();
  const info = await session.discovery.lookup('v1', 'Secret').catch((e: unknown) => {
    throw clusterFailure(e, session);
  });
  const byNamespace = new Map<string, KubeObject[]>();
  for (const o of secrets) {
    const ns = o.metadata?.namespace ?? session.defaultNamespace;
    const list = byNamespace.get(ns);
    if (list) list.push(o);
    else byNamespace.set(ns, [o]);
  }
  await Promise.all(
    [...byNamespace].map(async ([ns, wanted]) => {
      const live = await readByName(
        cluster,
        info!,
        ns,
        wanted.map((o) => o.metadata!.name!),
      ).catch((e: unknown) => {
        throw clusterFailure(e, session);
      });
      for (const o of wanted) {
        const salt = live.get(o.metadata!.name!)?.metadata?.annotations?.[SALT_ANNOTATION];
        if (salt) salts.set(`${o.metadata?.namespace ?? ''}/${o.metadata!.name}`, salt);
      }
    }),
  );
  return salts;
}

/** The application's set, or a user error when its name or environment cannot name one. */
function setOf(app: DesiredApp, session: ClusterSession): ApplySetRef {
  const problem = invalidSetPart('application', app.name) ?? (app.env === undefined ? undefined : invalidSetPart('environment', app.env));
  if (problem) throw new UserError(`${problem}${app.inputs[0]?.origin?.file ? ` (from ${app.inputs[0].origin.file}; pass --name)` : ''}`);
  return applySetRef(app.name, app.namespace ?? session.defaultNamespace, app.env);
}

function hasReplicas(o: KubeObject): boolean {
  return isRecord(o.spec) && 'replicas' in o.spec;
}

// Autoscaled workloads lose `replicas` before anything is planned.
function withoutAutoscaledReplicas(app: DesiredApp, manager: string, defaultNamespace: string, live: ReadonlyMap<string, KubeObject> = new Map()): DesiredApp {
  const objects = dropAutoscaledReplicas(
    app.inputs.map((i) => i.object),
    live,
    manager,
    defaultNamespace,
  );
  return { ...app, inputs: app.inputs.map((input, i) => ({ ...input, object: objects[i]! })) };
}

async function planOne(unprepared: DesiredApp, session: ClusterSession): Promise<PlannedApp> {
  const set = setOf(unprepared, session);
  // One read of each kind and namespace serves the salts, the live objects and the set's members.
  const snapshot = new ListSnapshot(session.cluster);
  const prepared = await prepareSecrets(unprepared, session, process.env, snapshot);
  const observeOnce = async (app: DesiredApp): Promise<ObserveResult> => {
    const inputs = app.inputs.map((i) => ({ ...i, object: withMembership(i.object, set) }));
    try {
      return await observe(snapshot, inputs, { manager: set.manager, defaultNamespace: session.defaultNamespace, set });
    } catch (e) {
      throw clusterFailure(e, session, secretValues(inputs.map((i) => i.object)));
    }
  };
  let app = withoutAutoscaledReplicas(prepared, set.manager, session.defaultNamespace);
  let observed = await observeOnce(app);
  // A live workload whose replicas another manager scales (HPA, kubectl scale): plan it again without them.
  const scaled = observed.observations.some((o) => o.live && hasReplicas(o.desired) && replicasScaledByOthers(o.live, o.manager ?? set.manager));
  if (scaled) {
    const live = new Map(observed.observations.filter((o) => o.live).map((o) => [objectKey(o.live!), o.live!]));
    app = withoutAutoscaledReplicas(prepared, set.manager, session.defaultNamespace, live);
    observed = await observeOnce(app);
  }
  const rules = await rulesInForce();
  const plan = buildPlan(observed.observations, observed.prune, {
    manager: set.manager,
    legacyManager: LEGACY_MANAGER,
    pruneCosts: observed.pruneCosts,
    coOwners: rules.coOwners,
    normalize: rules.normalize,
  });
  const errors = observed.unknown.map((u) => `${u.input.origin?.file ?? u.input.origin?.constructPath ?? ''}${u.input.origin?.file ? ': ' : ''}${u.message}`);
  const warnings = [
    ...observed.strays.map(
      (o) =>
        `${displayName(o)}${o.metadata?.namespace ? ` -n ${o.metadata.namespace}` : ''} carries this application's ApplySet label but was not applied by it (field manager ${set.manager}): never pruned`,
    ),
    ...observed.heldBack.map((h) => `${displayName(h.object)}${h.object.metadata?.namespace ? ` -n ${h.object.metadata.namespace}` : ''} ${h.reason}`),
  ];
  return { app, observed, plan: { name: app.name, env: app.env, set, plan, errors, warnings } };
}

/**
 * Observes the cluster for each application and builds its plan (members labelled for its
 * ApplySet). diff and apply both plan through here, so diff shows what apply does.
 */
export async function planApps(apps: readonly DesiredApp[], session: ClusterSession): Promise<PlannedApp[]> {
  const out: PlannedApp[] = [];
  for (const app of apps) out.push(await planOne(app, session));
  return out;
}
