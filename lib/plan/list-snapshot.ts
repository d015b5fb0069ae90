import type { ApplyOptions, ClusterApi, DeleteOptions, DeleteOutcome, ListOptions, RequestLimits, ResourceInfo } from '../core/cluster-api.js';
import type { KubeObject } from '../manifest/object.js';

/** `a=b,c==d` as pairs; undefined for any other selector (set-based, inequality, existence). */
export function equalitySelector(selector: string): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  for (const term of selector.split(',')) {
    const m = /^\s*([^\s=!(),]+)\s*==?\s*([^\s=!(),]*)\s*$/.exec(term);
    if (!m) return undefined;
    pairs.push([m[1]!, m[2]!]);
  }
  return pairs;
}

// As the API server: a label that is absent never equals a value, not even "".
function matches(labels: Readonly<Record<string, string>> | undefined, wanted: readonly [string, string][]): boolean {
  return wanted.every(([k, v]) => labels !== undefined && Object.hasOwn(labels, k) && labels[k] === v);
}

const plain = (o: ListOptions) => !o.labelSelector && !o.fieldSelector && o.limit === undefined && !o.metadataOnly;

/**
 * One planning pass's view of the cluster: each whole LIST (a resource in a namespace) is sent
 * once, and a LIST of the same resource and namespace by labels (`k=v`) is answered from it.
 * The secret salts, the live objects and the ApplySet's members of one plan then come from one
 * read of each kind, not three. Everything else goes to the cluster as asked.
 */
export class ListSnapshot implements ClusterApi {
  private readonly lists = new Map<string, Promise<KubeObject[]>>();

  constructor(private readonly cluster: ClusterApi) {}

  list(info: ResourceInfo, namespace: string | undefined, options: ListOptions = {}): Promise<KubeObject[]> {
    const key = `${info.group}|${info.version}|${info.resource}|${namespace ?? ''}`;
    if (plain(options)) {
      let read = this.lists.get(key);
      if (!read) {
        read = this.cluster.list(info, namespace, options);
        // A failed read is not remembered: the caller reports it, a later pass asks again.
        read.catch(() => this.lists.delete(key));
        this.lists.set(key, read);
      }
      return read;
    }
    const whole = this.lists.get(key);
    const labels = options.labelSelector ? equalitySelector(options.labelSelector) : undefined;
    if (whole && labels && !options.fieldSelector && options.limit === undefined && !options.metadataOnly) {
      return whole.then((items) => items.filter((o) => matches(o.metadata?.labels, labels)));
    }
    return this.cluster.list(info, namespace, options);
  }

  lookup(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    return this.cluster.lookup(apiVersion, kind);
  }
  resources(): Promise<ResourceInfo[]> {
    return this.cluster.resources();
  }
  refreshDiscovery(): void {
    this.cluster.refreshDiscovery();
  }
  get(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    return this.cluster.get(info, namespace, name);
  }
  count(info: ResourceInfo, namespace: string | undefined): Promise<number> {
    return this.cluster.count(info, namespace);
  }
  apply(info: ResourceInfo, object: KubeObject, options?: ApplyOptions): Promise<KubeObject> {
    return this.cluster.apply(info, object, options);
  }
  patch(info: ResourceInfo, namespace: string | undefined, name: string, operations: readonly unknown[]): Promise<KubeObject> {
    return this.cluster.patch(info, namespace, name, operations);
  }
  delete(info: ResourceInfo, namespace: string | undefined, name: string, options: DeleteOptions): Promise<DeleteOutcome> {
    return this.cluster.delete(info, namespace, name, options);
  }
  scoped(limits: RequestLimits): ClusterApi {
    return this.cluster.scoped(limits);
  }
}
