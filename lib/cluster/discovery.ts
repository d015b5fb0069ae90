import type { ResourceInfo } from '../core/cluster-api.js';
import type { KubeClient } from './client.js';

export type { ResourceInfo };

const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface DiscoveryResource {
  resource: string;
  responseKind?: { group?: string; version?: string; kind: string };
  scope: string;
  verbs?: string[];
}
interface DiscoveryList {
  kind?: string;
  items?: { metadata?: { name?: string }; versions: { version: string; resources?: DiscoveryResource[] }[] }[];
}
interface LegacyResourceList {
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

/** Maps apiVersion + kind to resources, from the server's aggregated discovery (two requests). */
export class Discovery {
  private byKey = new Map<string, ResourceInfo>();
  private loaded: Promise<void> | undefined;

  constructor(private readonly client: KubeClient) {}

  /** The resource serving `apiVersion`/`kind`, or undefined when the server does not know it. */
  async lookup(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    this.loaded ??= this.load();
    await this.loaded;
    return this.byKey.get(`${apiVersion}|${kind}`);
  }

  /** Forgets what was loaded (after CRDs were created, say). */
  refresh(): void {
    this.loaded = undefined;
  }

  all(): ResourceInfo[] {
    return [...this.byKey.values()];
  }

  /** Every resource served (loaded first when needed). */
  async resources(): Promise<ResourceInfo[]> {
    this.loaded ??= this.load();
    await this.loaded;
    return this.all();
  }

  private async load(): Promise<void> {
    const next = new Map<string, ResourceInfo>();
    const [core, groups] = await Promise.all([
      this.client.call<DiscoveryList>({ method: 'GET', path: '/api', accept: AGGREGATED }),
      this.client.call<DiscoveryList>({ method: 'GET', path: '/apis', accept: AGGREGATED }),
    ]);
    if (core.kind === 'APIGroupDiscoveryList' && groups.kind === 'APIGroupDiscoveryList') {
      for (const list of [core, groups]) addAggregated(list, next);
    } else {
      await this.loadLegacy(next);
    }
    this.byKey = next;
  }

  // Servers before aggregated discovery: one request per group version.
  private async loadLegacy(into: Map<string, ResourceInfo>): Promise<void> {
    const groups = await this.client.call<{ groups: { name: string; versions: { groupVersion: string }[] }[] }>({ method: 'GET', path: '/apis' });
    const gvs = ['v1', ...groups.groups.flatMap((g) => g.versions.map((v) => v.groupVersion))];
    await Promise.all(
      gvs.map(async (gv) => {
        const list = await this.client.call<LegacyResourceList>({ method: 'GET', path: gv === 'v1' ? '/api/v1' : `/apis/${gv}` });
        const [group, version] = gv.includes('/') ? (gv.split('/') as [string, string]) : ['', gv];
        for (const r of list.resources) {
          if (r.name.includes('/')) continue; // subresources
          into.set(`${gv}|${r.kind}`, { group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [] });
        }
      }),
    );
  }
}

function addAggregated(list: DiscoveryList, into: Map<string, ResourceInfo>): void {
  for (const g of list.items ?? []) {
    const group = g.metadata?.name ?? '';
    for (const v of g.versions) {
      for (const r of v.resources ?? []) {
        const kind = r.responseKind?.kind;
        if (!kind) continue;
        const apiVersion = group ? `${group}/${v.version}` : v.version;
        into.set(`${apiVersion}|${kind}`, {
          group,
          version: v.version,
          kind,
          resource: r.resource,
          namespaced: r.scope === 'Namespaced',
          verbs: r.verbs ?? [],
        });
      }
    }
  }
}

/** The URL path of a collection or of one object. */
export function resourcePath(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${prefix}${ns}/${info.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}
