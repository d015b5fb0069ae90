import { isRecord, type KubeObject } from '../manifest/object.js';

/** Kinds whose pods tell why they are not ready: the label selector of their pods. */
export function podSelector(o: KubeObject): string | undefined {
  if (!['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(o.kind)) return undefined;
  const spec = isRecord(o.spec) ? o.spec : {};
  const selector = isRecord(spec.selector) ? spec.selector : undefined;
  const labels =
    o.kind === 'Job'
      ? isRecord(selector?.matchLabels)
        ? selector.matchLabels
        : { 'batch.kubernetes.io/job-name': o.metadata?.name ?? '' }
      : isRecord(selector?.matchLabels)
        ? selector.matchLabels
        : undefined;
  if (!labels) return undefined;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
}

interface ContainerStatus {
  name?: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number; message?: string } };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
}

interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

interface KubeEvent {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string };
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
}

// Waiting reasons that do not fix themselves: the first thing a user needs to see.
const BAD_WAITING = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** Why one pod is not ready, as short phrases (container states first, then conditions). */
export function podProblems(pod: KubeObject): string[] {
  const status = isRecord(pod.status) ? pod.status : {};
  const out: string[] = [];
  const containers = [
    ...(Array.isArray(status.initContainerStatuses) ? (status.initContainerStatuses as ContainerStatus[]) : []),
    ...(Array.isArray(status.containerStatuses) ? (status.containerStatuses as ContainerStatus[]) : []),
  ];
  for (const c of containers) {
    const w = c.state?.waiting;
    const t = c.state?.terminated;
    if (w?.reason && BAD_WAITING.has(w.reason)) out.push(`container ${c.name}: ${w.reason}${w.message ? ` (${w.message})` : ''}`);
    else if (t && t.exitCode !== 0) out.push(`container ${c.name}: terminated ${t.reason ?? ''} exit code ${t.exitCode}`.replace('  ', ' '));
    else if (c.lastState?.terminated && (c.restartCount ?? 0) > 0)
      out.push(`container ${c.name}: restarted ${c.restartCount} times (last: ${c.lastState.terminated.reason ?? 'exit ' + c.lastState.terminated.exitCode})`);
  }
  const conditions = Array.isArray(status.conditions) ? (status.conditions as PodCondition[]) : [];
  const unschedulable = conditions.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unschedulable) out.push(`not scheduled: ${unschedulable.reason ?? ''}${unschedulable.message ? ` (${unschedulable.message})` : ''}`);
  if (status.phase === 'Failed') out.push(`pod failed${status.reason ? `: ${status.reason}` : ''}`);
  return out;
}

function when(e: KubeEvent): string {
  return e.lastTimestamp ?? e.eventTime ?? '';
}

/**
 * Why an object did not become ready: the distinct problems of its pods (how many pods have
 * each) and its and its pods' most recent warning events. Pure; the wait loop fetches the data.
 */
export function explainFailure(pods: readonly KubeObject[], events: readonly KubeObject[], maxEvents = 3): string[] {
  const counts = new Map<string, number>();
  for (const p of pods) for (const problem of podProblems(p)) counts.set(problem, (counts.get(problem) ?? 0) + 1);
  const lines = [...counts].map(([problem, n]) => `${problem}${pods.length > 1 ? ` [${n}/${pods.length} pods]` : ''}`);
  const warnings = (events as unknown as KubeEvent[]).filter((e) => e.type === 'Warning').sort((a, b) => (when(a) < when(b) ? 1 : -1));
  const seen = new Set<string>();
  for (const e of warnings) {
    const line = `event ${e.reason ?? ''} on ${e.involvedObject?.kind?.toLowerCase() ?? ''}/${e.involvedObject?.name ?? ''}: ${e.message ?? ''}`;
    const key = `${e.reason}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(line);
    if (seen.size >= maxEvents) break;
  }
  return lines;
}
