import { dangerOf, describeDanger, type DangerousPrune } from './dangerous-prunes.js';
import { isRecord, type KubeObject } from '../manifest/object.js';
import type { ClusterApi, ResourceInfo } from '../core/cluster-api.js';

// Events come and go with everything else: they are not what a user would lose.
const NOT_COUNTED = new Set(['Event']);

/** One served version per resource (autoscaling/v1 and v2 list the same objects). */
async function listable(cluster: ClusterApi, pick: (i: ResourceInfo) => boolean): Promise<ResourceInfo[]> {
  const seen = new Map<string, ResourceInfo>();
  for (const i of await cluster.resources()) {
    if (!pick(i) || !i.verbs.includes('list') || NOT_COUNTED.has(i.kind) || i.resource.includes('/')) continue;
    seen.set(`${i.group}/${i.resource}`, seen.get(`${i.group}/${i.resource}`) ?? i);
  }
  return [...seen.values()];
}

// A kind that cannot be listed (forbidden, an aggregated API down) is not "0 objects": the total
// is then unknown, and the kinds not counted are named.
async function tally(cluster: ClusterApi, infos: readonly ResourceInfo[], namespace: string | undefined): Promise<{ objects?: number; detail: string }> {
  const counts = await Promise.all(infos.map(async (i) => ({ kind: i.kind, n: await cluster.count(i, namespace).catch(() => undefined) })));
  const found = counts.filter((c): c is { kind: string; n: number } => c.n !== undefined && c.n > 0).sort((a, b) => b.n - a.n || a.kind.localeCompare(b.kind));
  const uncounted = counts
    .filter((c) => c.n === undefined)
    .map((c) => c.kind)
    .sort();
  const total = found.reduce((s, c) => s + c.n, 0);
  const shown =
    found
      .slice(0, 6)
      .map((c) => `${c.n} ${c.kind}`)
      .join(', ') + (found.length > 6 ? ', …' : '');
  if (!uncounted.length) return { objects: total, detail: shown };
  const notCounted = `could not list ${uncounted.slice(0, 6).join(', ')}${uncounted.length > 6 ? `, and ${uncounted.length - 6} more kinds` : ''}`;
  return { detail: [`at least ${total}`, shown, notCounted].filter(Boolean).join('; ') };
}

async function volumeDetail(cluster: ClusterApi, o: KubeObject): Promise<string> {
  const spec = isRecord(o.spec) ? o.spec : {};
  let pv: KubeObject | undefined = o.kind === 'PersistentVolume' ? o : undefined;
  if (!pv && typeof spec.volumeName === 'string') {
    const info = await cluster.lookup('v1', 'PersistentVolume');
    pv = info ? await cluster.get(info, undefined, spec.volumeName).catch(() => undefined) : undefined;
    // Bound, but the volume cannot be read (PVs are cluster-scoped: often forbidden): never "not bound".
    if (!pv) return `volume ${spec.volumeName}, reclaimPolicy unknown (the volume could not be read)`;
  }
  const policy = pv && isRecord(pv.spec) ? pv.spec.persistentVolumeReclaimPolicy : undefined;
  return pv ? `volume ${pv.metadata?.name}, reclaimPolicy ${String(policy ?? 'unknown')}` : 'not bound to a volume yet';
}

/** For each prune that takes more than itself, what it takes (counted live now). */
export async function pruneCosts(cluster: ClusterApi, prune: readonly KubeObject[], table?: readonly DangerousPrune[]): Promise<Map<KubeObject, string>> {
  const out = new Map<KubeObject, string>();
  await Promise.all(
    prune.map(async (o) => {
      const d = dangerOf(o, table);
      if (!d) return;
      if (d.counts === 'namespace-contents') {
        out.set(o, describeDanger(d, o, await tally(cluster, await listable(cluster, (i) => i.namespaced), o.metadata?.name)));
      } else if (d.counts === 'custom-resources') {
        const spec = isRecord(o.spec) ? o.spec : {};
        const names = isRecord(spec.names) ? spec.names : {};
        out.set(o, describeDanger(d, o, await tally(cluster, await listable(cluster, (i) => i.group === spec.group && i.kind === names.kind), undefined)));
      } else {
        out.set(o, describeDanger(d, o, { detail: await volumeDetail(cluster, o) }));
      }
    }),
  );
  return out;
}
