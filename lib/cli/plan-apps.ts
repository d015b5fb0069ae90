import { applySetRef, withMembership } from '../apply/applyset.js';
import { ApiError, type ClientOptions, KubeClient } from '../cluster/client.js';
import { connect, ConnectionError, type Connection } from '../cluster/connection.js';
import { Discovery } from '../cluster/discovery.js';
import { FIELD_MANAGER } from '../cluster/objects.js';
import { observe, ObserveError, type ObserveResult } from '../cluster/observe.js';
import { buildPlan } from '../plan/build.js';
import { scrub, secretValues } from '../plan/mask.js';
import type { AppPlan } from '../plan/report.js';
import type { DesiredApp } from './desired.js';
import { UserError } from './errors.js';

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
  return { connection, client, discovery: new Discovery(client), defaultNamespace: flags.namespace ?? connection.namespace };
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

/** Observes the cluster for each application and builds its plan (members labelled for its ApplySet). */
export async function planApps(apps: readonly DesiredApp[], session: ClusterSession): Promise<PlannedApp[]> {
  const out: PlannedApp[] = [];
  for (const app of apps) {
    const set = applySetRef(app.name, app.namespace ?? session.defaultNamespace, app.env);
    const inputs = app.inputs.map((i) => ({ ...i, object: withMembership(i.object, set) }));
    const secrets = secretValues(inputs.map((i) => i.object));
    let observed: ObserveResult;
    try {
      observed = await observe(session.client, session.discovery, inputs, { manager: FIELD_MANAGER, defaultNamespace: session.defaultNamespace, set });
    } catch (e) {
      throw clusterFailure(e, session, secrets);
    }
    const plan = buildPlan(observed.observations, observed.prune, { manager: FIELD_MANAGER });
    const errors = observed.unknown.map((u) => `${u.input.origin?.file ?? u.input.origin?.constructPath ?? ''}${u.input.origin?.file ? ': ' : ''}${u.message}`);
    out.push({ app, observed, plan: { name: app.name, env: app.env, set, plan, errors } });
  }
  return out;
}
