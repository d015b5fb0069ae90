import { groupOf, isRecord, type KubeObject } from '../manifest/object.js';

/** Where an object stands after it was applied. */
export interface Readiness {
  readonly state: 'ready' | 'waiting' | 'failed';
  /** What it waits for, or why it failed (short, one line). */
  readonly message: string;
}

/** Objects a rule needs besides the object itself (EndpointSlices of a Service, say). */
export interface RelatedQuery {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly labelSelector: string;
}

/**
 * How to tell that one kind is ready. A table, so that users can add their kinds (a custom
 * resource with a Ready condition, say) without touching the waiting loop.
 */
export interface ReadinessRule {
  readonly group: string;
  readonly kind: string;
  readonly related?: (o: KubeObject) => RelatedQuery | undefined;
  readonly check: (o: KubeObject, related: readonly KubeObject[]) => Readiness;
}

type Status = Record<string, unknown>;
interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

const statusOf = (o: KubeObject): Status => (isRecord(o.status) ? o.status : {});
const specOf = (o: KubeObject): Status => (isRecord(o.spec) ? o.spec : {});
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' ? v : fallback);
const ready = (message = 'ready'): Readiness => ({ state: 'ready', message });
const waiting = (message: string): Readiness => ({ state: 'waiting', message });
const failed = (message: string): Readiness => ({ state: 'failed', message });

export function condition(o: KubeObject, type: string): Condition | undefined {
  const list = statusOf(o).conditions;
  return Array.isArray(list) ? (list as Condition[]).find((c) => c.type === type) : undefined;
}

/** The controller has seen the latest spec (metadata.generation). */
function observed(o: KubeObject): boolean {
  const generation = num(o.metadata?.generation, 0);
  return num(statusOf(o).observedGeneration, -1) >= generation;
}

function deployment(o: KubeObject): Readiness {
  if (!observed(o)) return waiting('controller has not seen the new generation yet');
  const s = statusOf(o);
  const progressing = condition(o, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') return failed(progressing.message ?? 'progress deadline exceeded');
  const want = num(specOf(o).replicas, 1);
  const updated = num(s.updatedReplicas);
  const available = num(s.availableReplicas);
  const total = num(s.replicas);
  if (updated < want) return waiting(`${updated}/${want} replicas updated`);
  if (total > updated) return waiting(`${total - updated} old replica${total - updated === 1 ? '' : 's'} pending termination`);
  if (available < want) return waiting(`${available}/${want} replicas available`);
  if (want > 0 && progressing && progressing.reason !== 'NewReplicaSetAvailable') return waiting(`rollout progressing (${progressing.reason ?? 'unknown'})`);
  return ready(`${available}/${want} replicas available`);
}

function statefulSet(o: KubeObject): Readiness {
  if (!observed(o)) return waiting('controller has not seen the new generation yet');
  const s = statusOf(o);
  const want = num(specOf(o).replicas, 1);
  const readyReplicas = num(s.readyReplicas);
  const strategy = (specOf(o).updateStrategy as { type?: string } | undefined)?.type ?? 'RollingUpdate';
  if (strategy === 'RollingUpdate') {
    const updated = num(s.updatedReplicas);
    if (updated < want) return waiting(`${updated}/${want} replicas updated`);
    if (s.updateRevision && s.currentRevision !== s.updateRevision && want > 0) return waiting('rolling update in progress');
  }
  if (readyReplicas < want) return waiting(`${readyReplicas}/${want} replicas ready`);
  return ready(`${readyReplicas}/${want} replicas ready`);
}

function daemonSet(o: KubeObject): Readiness {
  if (!observed(o)) return waiting('controller has not seen the new generation yet');
  const s = statusOf(o);
  const desired = num(s.desiredNumberScheduled);
  const updated = num(s.updatedNumberScheduled);
  const available = num(s.numberAvailable);
  if (updated < desired) return waiting(`${updated}/${desired} pods updated`);
  if (available < desired) return waiting(`${available}/${desired} pods available`);
  return ready(`${available}/${desired} pods available`);
}

function replicaSet(o: KubeObject): Readiness {
  if (!observed(o)) return waiting('controller has not seen the new generation yet');
  const want = num(specOf(o).replicas, 1);
  const available = num(statusOf(o).availableReplicas);
  return available < want ? waiting(`${available}/${want} replicas available`) : ready(`${available}/${want} replicas available`);
}

function job(o: KubeObject): Readiness {
  const failedCondition = condition(o, 'Failed');
  if (failedCondition?.status === 'True')
    return failed(`job failed: ${failedCondition.reason ?? ''}${failedCondition.message ? ` (${failedCondition.message})` : ''}`.trim());
  if (condition(o, 'Complete')?.status === 'True') return ready('complete');
  const s = statusOf(o);
  return waiting(`${num(s.succeeded)} succeeded, ${num(s.active)} active, ${num(s.failed)} failed`);
}

function service(o: KubeObject, slices: readonly KubeObject[]): Readiness {
  const spec = specOf(o);
  if (spec.type === 'ExternalName') return ready('external name');
  if (spec.type === 'LoadBalancer') {
    const ingress = (statusOf(o).loadBalancer as { ingress?: unknown[] } | undefined)?.ingress ?? [];
    if (ingress.length === 0) return waiting('waiting for a load balancer address');
  }
  if (!spec.clusterIP) return waiting('waiting for a cluster IP');
  if (!isRecord(spec.selector) || Object.keys(spec.selector).length === 0) return ready('no selector');
  const endpoints = slices.flatMap((s) => (Array.isArray(s.endpoints) ? (s.endpoints as { conditions?: { ready?: boolean } }[]) : []));
  const readyCount = endpoints.filter((e) => e.conditions?.ready !== false).length;
  return readyCount > 0 ? ready(`${readyCount} ready endpoint${readyCount === 1 ? '' : 's'}`) : waiting('no ready endpoints yet');
}

function pvc(o: KubeObject): Readiness {
  const phase = statusOf(o).phase;
  if (phase === 'Bound') return ready('bound');
  if (phase === 'Lost') return failed('claim lost its volume');
  return waiting(`phase ${phase ?? 'Pending'}`);
}

function crd(o: KubeObject): Readiness {
  const names = condition(o, 'NamesAccepted');
  if (names?.status === 'False') return failed(`names not accepted: ${names.message ?? names.reason ?? ''}`);
  return condition(o, 'Established')?.status === 'True' ? ready('established') : waiting('not established yet');
}

function namespace(o: KubeObject): Readiness {
  const phase = statusOf(o).phase;
  return phase === 'Active' ? ready('active') : waiting(`phase ${phase ?? 'unknown'}`);
}

function pod(o: KubeObject): Readiness {
  const phase = statusOf(o).phase;
  if (phase === 'Succeeded') return ready('succeeded');
  if (phase === 'Failed') return failed('pod failed');
  return condition(o, 'Ready')?.status === 'True' ? ready('ready') : waiting(`phase ${phase ?? 'Pending'}`);
}

function hpa(o: KubeObject): Readiness {
  const able = condition(o, 'AbleToScale');
  return able?.status === 'False' ? waiting(`not able to scale: ${able.reason ?? ''}`) : ready();
}

export const READINESS_RULES: readonly ReadinessRule[] = [
  { group: 'apps', kind: 'Deployment', check: deployment },
  { group: 'apps', kind: 'StatefulSet', check: statefulSet },
  { group: 'apps', kind: 'DaemonSet', check: daemonSet },
  { group: 'apps', kind: 'ReplicaSet', check: replicaSet },
  { group: 'batch', kind: 'Job', check: job },
  {
    group: '',
    kind: 'Service',
    check: service,
    related: (o) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      namespace: o.metadata?.namespace,
      labelSelector: `kubernetes.io/service-name=${o.metadata?.name}`,
    }),
  },
  { group: '', kind: 'PersistentVolumeClaim', check: pvc },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', check: crd },
  { group: '', kind: 'Namespace', check: namespace },
  { group: '', kind: 'Pod', check: pod },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', check: hpa },
];

/** The rule for an object's kind, or undefined (such objects are ready once applied). */
export function readinessRule(o: { apiVersion: string; kind: string }, rules: readonly ReadinessRule[] = READINESS_RULES): ReadinessRule | undefined {
  const group = groupOf(o.apiVersion);
  return rules.find((r) => r.kind === o.kind && r.group === group);
}
