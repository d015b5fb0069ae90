import type { KubeObject } from '../manifest/object.js';
import type { ApplyOptions, ListOptions, ResourceInfo } from '../core/cluster-api.js';
import { ApiError, type KubeClient, toApiError } from './client.js';
import { resourcePath } from './discovery.js';

export const FIELD_MANAGER = 'lading';

/** Server-side apply of one object; returns the object as the server has (or would have) it. */
export async function serverSideApply(client: KubeClient, info: ResourceInfo, object: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
  const meta = object.metadata ?? {};
  return client.call<KubeObject>({
    method: 'PATCH',
    path: resourcePath(info, meta.namespace, meta.name),
    contentType: 'application/apply-patch+yaml',
    body: object,
    query: {
      fieldManager: options.fieldManager ?? FIELD_MANAGER,
      fieldValidation: 'Strict',
      force: options.force ? 'true' : undefined,
      dryRun: options.dryRun ? 'All' : undefined,
    },
  });
}

/** The live object, or undefined when it does not exist. */
export async function getObject(client: KubeClient, info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
  const spec = { method: 'GET' as const, path: resourcePath(info, namespace, name) };
  const res = await client.request<KubeObject>(spec);
  if (res.status === 404) return undefined;
  if (res.status >= 300) throw toApiError(res, spec);
  return res.body;
}

const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

/** Objects of a resource (in a namespace, or all): every page, or one page of `limit` items. */
export async function listObjects(client: KubeClient, info: ResourceInfo, namespace: string | undefined, options: ListOptions | string = {}): Promise<KubeObject[]> {
  const { labelSelector, fieldSelector, limit, metadataOnly } = typeof options === 'string' ? { labelSelector: options } as ListOptions : options;
  const items: KubeObject[] = [];
  let cont: string | undefined;
  do {
    const page = await client.call<{ items: KubeObject[] | null; metadata?: { continue?: string } }>({
      method: 'GET',
      path: resourcePath(info, namespace),
      query: { labelSelector, fieldSelector, limit: String(limit ?? 500), continue: cont },
      ...(metadataOnly ? { accept: METADATA_ONLY } : {}),
    });
    // LIST responses omit apiVersion/kind on items.
    const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
    for (const item of page.items ?? []) items.push({ ...item, apiVersion, kind: info.kind });
    cont = limit === undefined ? page.metadata?.continue || undefined : undefined;
  } while (cont);
  return items;
}

/**
 * Live objects of one resource in one namespace, by name: one LIST when there are more than
 * `listAbove` names (fewer requests), else one GET each. Names that do not exist are absent.
 */
export async function readByName(client: KubeClient, info: ResourceInfo, namespace: string | undefined, names: readonly string[], listAbove = 3): Promise<Map<string, KubeObject>> {
  const found = new Map<string, KubeObject>();
  if (names.length > listAbove) {
    const wanted = new Set(names);
    for (const item of await listObjects(client, info, namespace)) {
      const name = item.metadata?.name;
      if (name !== undefined && wanted.has(name)) found.set(name, item);
    }
    return found;
  }
  await Promise.all(names.map(async (name) => {
    const item = await getObject(client, info, namespace, name);
    if (item) found.set(name, item);
  }));
  return found;
}

/**
 * Hands the fields one field manager applied over to another (a JSON patch of managedFields,
 * as kubectl does when it upgrades client-side apply), guarded by the resourceVersion read.
 */
export async function renameManager(client: KubeClient, info: ResourceInfo, live: KubeObject, from: string, to: string): Promise<KubeObject> {
  const entries = Array.isArray(live.metadata?.managedFields) ? live.metadata.managedFields as { manager?: string; operation?: string; subresource?: string }[] : [];
  const ops: unknown[] = [{ op: 'test', path: '/metadata/resourceVersion', value: live.metadata?.resourceVersion }];
  entries.forEach((e, i) => {
    if (e.manager === from && e.operation === 'Apply' && !e.subresource) ops.push({ op: 'replace', path: `/metadata/managedFields/${i}/manager`, value: to });
  });
  return client.call<KubeObject>({
    method: 'PATCH',
    path: resourcePath(info, live.metadata?.namespace, live.metadata?.name),
    contentType: 'application/json-patch+json',
    body: ops,
  });
}

/** Deletes an object (background propagation); a precondition on uid guards against a re-created one. */
export async function deleteObject(client: KubeClient, info: ResourceInfo, namespace: string | undefined, name: string, uid?: string): Promise<boolean> {
  const spec = {
    method: 'DELETE' as const,
    path: resourcePath(info, namespace, name),
    body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background', ...(uid ? { preconditions: { uid } } : {}) },
  };
  const res = await client.request(spec);
  if (res.status === 404) return false;
  if (res.status >= 300) throw toApiError(res, spec);
  return true;
}

export { ApiError };
