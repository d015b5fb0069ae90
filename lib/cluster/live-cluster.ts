import type { ApplyOptions, ClusterApi, DeleteOptions, DeleteOutcome, ListOptions, RequestLimits, ResourceInfo } from '../core/cluster-api.js';
import type { KubeObject } from '../manifest/object.js';
import { type KubeClient, toApiError } from './client.js';
import { Discovery, resourcePath } from './discovery.js';
import { getObject, listObjects, serverSideApply } from './objects.js';

/** The cluster the engine talks to, over HTTP: a KubeClient (retries, limits) and its discovery. */
export class LiveCluster implements ClusterApi {
  constructor(
    readonly client: KubeClient,
    readonly discovery: Discovery = new Discovery(client),
  ) {}

  lookup(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    return this.discovery.lookup(apiVersion, kind);
  }

  resources(): Promise<ResourceInfo[]> {
    return this.discovery.resources();
  }

  refreshDiscovery(): void {
    this.discovery.refresh();
  }

  get(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    return getObject(this.client, info, namespace, name);
  }

  list(info: ResourceInfo, namespace: string | undefined, options: ListOptions = {}): Promise<KubeObject[]> {
    return listObjects(this.client, info, namespace, options);
  }

  async count(info: ResourceInfo, namespace: string | undefined): Promise<number> {
    const page = await this.client.call<{ items: unknown[]; metadata?: { remainingItemCount?: number } }>({
      method: 'GET',
      path: resourcePath(info, namespace),
      query: { limit: '1' },
    });
    return page.items.length + (page.metadata?.remainingItemCount ?? 0);
  }

  apply(info: ResourceInfo, object: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    return serverSideApply(this.client, info, object, options);
  }

  patch(info: ResourceInfo, namespace: string | undefined, name: string, operations: readonly unknown[]): Promise<KubeObject> {
    return this.client.call<KubeObject>({
      method: 'PATCH',
      path: resourcePath(info, namespace, name),
      contentType: 'application/json-patch+json',
      body: operations,
    });
  }

  async delete(info: ResourceInfo, namespace: string | undefined, name: string, options: DeleteOptions): Promise<DeleteOutcome> {
    const preconditions = Object.fromEntries(Object.entries(options.preconditions ?? {}).filter(([, v]) => v));
    const spec = {
      method: 'DELETE' as const,
      path: resourcePath(info, namespace, name),
      body: {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        propagationPolicy: options.propagationPolicy,
        ...(Object.keys(preconditions).length ? { preconditions } : {}),
      },
    };
    const res = await this.client.request(spec);
    if (res.status === 404) return 'not-found';
    // A failed precondition: the object changed or was replaced since it was read.
    if (res.status === 409 && Object.keys(preconditions).length) return 'conflict';
    if (res.status >= 300) throw toApiError(res, spec);
    return 'deleted';
  }

  scoped(limits: RequestLimits): LiveCluster {
    return new LiveCluster(this.client.scoped(limits), this.discovery);
  }
}
