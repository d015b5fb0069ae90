import { dangerOf } from '../plan/dangerous-prunes.js';
import { getPath, groupOf, isRecord, type KubeObject } from '../manifest/object.js';
import { parseYamlStream } from '../manifest/parse-yaml.js';
import { WORKLOADS } from '../validate/workloads.js';
import type { Plan, ObjectPlan } from './types.js';

/** What a plan does beyond its objects' own fields: pods restarted, addresses changed, data lost. */
export interface BlastItem {
  readonly effect: 'rolls' | 'service-address' | 'data-loss' | 'takes-along';
  /** kubectl-style id and namespace of the object that causes it. */
  readonly id: string;
  readonly namespace?: string;
  readonly message: string;
}

/** Workload kinds whose running pods are replaced when their pod template changes (ReplicaSets and Jobs only affect new pods). */
export const ROLLING_KINDS: readonly { group: string; kind: string }[] = [
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: '', kind: 'ReplicationController' },
];

/** Fields of a Service whose change moves its address or its load balancer (clients and DNS caches notice). */
export const SERVICE_ADDRESS_FIELDS: readonly string[] = [
  'type',
  'clusterIP',
  'clusterIPs',
  'ipFamilies',
  'ipFamilyPolicy',
  'loadBalancerIP',
  'loadBalancerClass',
  'loadBalancerSourceRanges',
  'externalIPs',
  'externalName',
  'externalTrafficPolicy',
  'allocateLoadBalancerNodePorts',
];

const is = (o: { apiVersion: string; kind: string }, table: readonly { group: string; kind: string }[]) =>
  table.some((t) => t.group === groupOf(o.apiVersion) && t.kind === o.kind);

function parsed(yaml: string): KubeObject | undefined {
  if (!yaml) return undefined;
  // lading's reader, as kubectl reads YAML: the inverse of the emitter that wrote it (and no `yaml` to load).
  const v = parseYamlStream(yaml).docs[0]?.value;
  return isRecord(v) ? (v as KubeObject) : undefined;
}

/** Leaf paths that differ between two values (at most `max`), e.g. spec.containers[web].image. */
export function changedPaths(a: unknown, b: unknown, max = 3, prefix = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const named = [...a, ...b].every((x) => isRecord(x) && typeof x.name === 'string');
    const out: string[] = [];
    if (named) {
      const names = [...new Set([...a, ...b].map((x) => (x as { name: string }).name))];
      for (const n of names) {
        out.push(
          ...changedPaths(
            a.find((x) => x.name === n),
            b.find((x) => x.name === n),
            max - out.length,
            `${prefix}[${n}]`,
          ),
        );
        if (out.length >= max) break;
      }
      return out.slice(0, max);
    }
    return [prefix || '.'];
  }
  if (isRecord(a) && isRecord(b)) {
    const out: string[] = [];
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      out.push(...changedPaths(a[k], b[k], max - out.length, prefix ? `${prefix}.${k}` : k));
      if (out.length >= max) break;
    }
    return out.slice(0, max);
  }
  return [prefix || '.'];
}

function rolls(o: ObjectPlan): BlastItem | undefined {
  if (!is(o, ROLLING_KINDS)) return undefined;
  const path = WORKLOADS[o.kind]?.template ?? ['spec', 'template'];
  if (o.category === 'replace') return { effect: 'rolls', id: o.id, ...ns(o), message: 'deleted and created again: every pod is replaced at once' };
  if (o.category !== 'change') return undefined;
  const before = getPath(parsed(o.before), path);
  const after = getPath(parsed(o.after), path);
  const paths = changedPaths(before, after);
  if (!paths.length) return undefined;
  const secret = paths.some((p) => p.includes('lading.dev/secret-checksum'));
  return {
    effect: 'rolls',
    id: o.id,
    ...ns(o),
    message: `rolls its pods: the pod template changes (${paths.map((p) => `template.${p}`).join(', ')}${secret ? ': a Secret it reads changed' : ''})`,
  };
}

function serviceAddress(o: ObjectPlan): BlastItem | undefined {
  if (o.kind !== 'Service' || o.apiVersion !== 'v1') return undefined;
  const liveSpec = isRecord(o.live?.spec) ? o.live!.spec : {};
  if (o.category === 'prune') {
    return liveSpec.type === 'LoadBalancer'
      ? { effect: 'service-address', id: o.id, ...ns(o), message: 'deleted: its load balancer and external address are released' }
      : undefined;
  }
  if (o.category === 'replace')
    return {
      effect: 'service-address',
      id: o.id,
      ...ns(o),
      message: `deleted and created again: a new clusterIP${liveSpec.type === 'LoadBalancer' ? ' and a new load balancer' : ''}`,
    };
  if (o.category !== 'change') return undefined;
  const before = getPath(parsed(o.before), ['spec']);
  const after = getPath(parsed(o.after), ['spec']);
  const fields = SERVICE_ADDRESS_FIELDS.filter((f) => JSON.stringify(getPath(before, [f])) !== JSON.stringify(getPath(after, [f])));
  return fields.length
    ? { effect: 'service-address', id: o.id, ...ns(o), message: `its address changes: ${fields.map((f) => `spec.${f}`).join(', ')}` }
    : undefined;
}

function deletions(o: ObjectPlan): BlastItem | undefined {
  if (o.category !== 'prune' && o.category !== 'replace') return undefined;
  const d = dangerOf(o.live ?? o.desired ?? { apiVersion: o.apiVersion, kind: o.kind });
  if (!d) return undefined;
  const verb = o.category === 'prune' ? 'pruned' : 'deleted and created again';
  if (d.counts === 'volume')
    return { effect: 'data-loss', id: o.id, ...ns(o), message: `${verb}: ${o.danger ?? 'the data of its volume may be deleted with it'}` };
  return {
    effect: 'takes-along',
    id: o.id,
    ...ns(o),
    message: `${verb}: ${o.danger ?? (d.counts === 'namespace-contents' ? 'everything in the namespace is deleted with it' : 'every custom resource of its kinds is deleted with it')}`,
  };
}

function ns(o: ObjectPlan): { namespace?: string } {
  return o.namespace ? { namespace: o.namespace } : {};
}

/** Effects in this order: a table of checks, each looking at one object of the plan. */
export const BLAST_CHECKS: readonly ((o: ObjectPlan) => BlastItem | undefined)[] = [rolls, serviceAddress, deletions];

/** What the plan does beyond its objects' fields, from the plan alone (the live counts are the prune costs observe made). */
export function blastRadius(plan: Plan, checks = BLAST_CHECKS): BlastItem[] {
  return plan.objects.flatMap((o) => checks.map((c) => c(o)).filter((b): b is BlastItem => b !== undefined));
}

export const BLAST_TITLES: Record<BlastItem['effect'], string> = {
  rolls: 'pods restarted',
  'service-address': 'service addresses',
  'data-loss': 'data lost',
  'takes-along': 'deleted along',
};
