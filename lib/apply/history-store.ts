import { ApiError } from '../core/api-error.js';
import type { ClusterApi, ResourceInfo } from '../core/cluster-api.js';
import { ClusterError } from '../core/errors.js';
import { FIELD_MANAGER, HISTORY } from '../core/names.js';
import type { KubeObject } from '../manifest/object.js';
import { readByName } from '../plan/read-by-name.js';
import type { ApplySetRef } from '../core/applyset.js';
import { deleteWith } from './delete.js';
import { HISTORY_LIMIT, historyRecord, nextRevision, readRecord, recordObjects, type Revision, type RevisionInfo } from './history.js';

const SECRETS: ResourceInfo = { group: '', version: 'v1', kind: 'Secret', resource: 'secrets', namespaced: true, verbs: [] };

export interface HistoryQuery {
  /** Only this namespace (else every namespace the user may list; the given fallback if forbidden). */
  readonly namespace?: string;
  readonly fallbackNamespace?: string;
  readonly app?: string;
  readonly env?: string;
  readonly setId?: string;
}

function selector(q: HistoryQuery): string {
  const parts = [q.setId ? `${HISTORY.setLabel}=${q.setId}` : HISTORY.setLabel];
  if (q.app) parts.push(`${HISTORY.appLabel}=${q.app}`);
  if (q.env) parts.push(`${HISTORY.envLabel}=${q.env}`);
  return parts.join(',');
}

/** The recorded revisions, oldest first, as records (without their manifests). */
export async function listRevisions(cluster: ClusterApi, q: HistoryQuery): Promise<{ revision: Revision; object: KubeObject }[]> {
  let items: KubeObject[];
  try {
    items = await cluster.list(SECRETS, q.namespace, { labelSelector: selector(q) });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403 || q.namespace || !q.fallbackNamespace) throw e;
    items = await cluster.list(SECRETS, q.fallbackNamespace, { labelSelector: selector(q) });
  }
  return items
    .map((object) => ({ revision: readRecord(object)!, object }))
    .filter((r) => r.revision !== undefined)
    .sort(
      (a, b) =>
        a.revision.set.namespace.localeCompare(b.revision.set.namespace) ||
        a.revision.app.localeCompare(b.revision.app) ||
        a.revision.revision - b.revision.revision,
    );
}

/** A history record that cannot be read back: said as such, never as a connection problem. */
export class CorruptRecordError extends ClusterError {}

/** The manifests of one revision (a record without readable manifests is an error, never "no objects"). */
export async function revisionObjects(cluster: ClusterApi, r: Revision): Promise<KubeObject[]> {
  const live = await cluster.get(SECRETS, r.set.namespace, r.recordName);
  const where = `revision ${r.revision} of ${r.app} (secret ${r.recordName} -n ${r.set.namespace})`;
  if (!live) throw new CorruptRecordError(`${where} is gone: see lading history`);
  const data = (live.data as Record<string, unknown> | undefined)?.[HISTORY.manifestsKey];
  let objects: KubeObject[];
  try {
    if (typeof data !== 'string' || !data) throw new Error(`it holds no ${HISTORY.manifestsKey}`);
    objects = recordObjects(live);
  } catch (e) {
    const reason = (e as Error).message.replace(/^incorrect header check$|^unexpected end of file$/, 'its manifests are not gzip data ($&)');
    throw new CorruptRecordError(`${where} is corrupt: ${reason}; roll back to another revision (--to) or delete this record`);
  }
  if (objects.length === 0)
    throw new CorruptRecordError(`${where} is corrupt: its manifests hold no objects; roll back to another revision (--to) or delete this record`);
  return objects;
}

/** Records a revision and deletes those beyond the limit. Returns its number. */
export async function recordRevision(
  cluster: ClusterApi,
  set: ApplySetRef,
  app: { name: string; env?: string },
  info: Omit<RevisionInfo, 'revision'>,
  objects: readonly KubeObject[],
  limit = HISTORY_LIMIT,
): Promise<number> {
  const existing = (await listRevisions(cluster, { namespace: set.namespace, setId: set.id })).map((r) => r.revision);
  const { revision, expired } = nextRevision(existing, limit);
  await cluster.apply(SECRETS, historyRecord(set, app, { ...info, revision }, objects), { fieldManager: FIELD_MANAGER, force: true });
  await Promise.all(expired.map((r) => deleteWith(cluster, SECRETS, set.namespace, r.recordName, undefined, 'Background')));
  return revision;
}

/**
 * The live Secrets of the given ones, keyed "namespace/name" (a rollback keeps their values).
 * A failed read is an error: guessing "not live" would send a Secret without its data.
 */
export async function liveSecrets(cluster: ClusterApi, secrets: readonly KubeObject[], defaultNamespace: string): Promise<Map<string, KubeObject>> {
  const byNamespace = new Map<string, string[]>();
  for (const o of secrets) {
    if (o.kind !== 'Secret' || o.apiVersion !== 'v1' || !o.metadata?.name) continue;
    const ns = o.metadata.namespace ?? defaultNamespace;
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), o.metadata.name]);
  }
  const out = new Map<string, KubeObject>();
  for (const [ns, names] of byNamespace) {
    for (const [name, live] of await readByName(cluster, SECRETS, ns, names)) out.set(`${ns}/${name}`, live);
  }
  return out;
}
