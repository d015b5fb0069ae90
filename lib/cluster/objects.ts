import type { ApplyOptions, ListOptions, ResourceInfo } from '../core/cluster-api.js';
import { FIELD_MANAGER } from '../core/names.js';
import type { KubeObject } from '../manifest/object.js';
import { ApiError, type KubeClient, toApiError } from './client.js';
import { resourcePath } from './discovery.js';

export { FIELD_MANAGER };

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
export async function listObjects(
  client: KubeClient,
  info: ResourceInfo,
  namespace: string | undefined,
  options: ListOptions | string = {},
): Promise<KubeObject[]> {
  const { labelSelector, fieldSelector, limit, metadataOnly } = typeof options === 'string' ? ({ labelSelector: options } as ListOptions) : options;
  const items: KubeObject[] = [];
  let cont: string | undefined;
  do {
    const page = await client.call<{ items: KubeObject[] | null; metadata?: { continue?: string } }>({
      method: 'GET',
      path: resourcePath(info, namespace),
      query: { labelSelector, fieldSelector, limit: String(limit ?? 500), continue: cont },
      ...(metadataOnly ? { accept: METADATA_ONLY } : {}),
    });
    // LIST responses omit apiVersion/kind on items: set on the freshly parsed items (no copy).
    const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
    for (const item of page.items ?? []) {
      item.apiVersion = apiVersion;
      item.kind = info.kind;
      items.push(item);
    }
    cont = limit === undefined ? page.metadata?.continue || undefined : undefined;
  } while (cont);
  return items;
}

export { ApiError };
