import type { ClusterApi } from '../core/cluster-api.js';
import type { KubeObject } from '../manifest/object.js';
import { explainFailure, podSelector } from './explain.js';
import type { Progress } from './progress.js';
import { type Readiness, READINESS_RULES, type ReadinessRule, readinessRule } from './readiness.js';
import { sleep } from '../core/sleep.js';
import { judgeReadiness } from './readiness-now.js';

export interface WaitTarget {
  /** How progress names it ("deployment.apps/web -n shop"). */
  readonly id: string;
  readonly object: KubeObject;
}

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly progress: Progress;
  readonly stopped: () => boolean;
  readonly rules?: readonly ReadinessRule[];
  readonly intervalMs?: number;
}

export interface WaitFailure {
  readonly id: string;
  readonly message: string;
  /** Why: pod problems (ImagePullBackOff, CrashLoopBackOff, ...) and recent warning events. */
  readonly reasons: readonly string[];
}

export interface WaitResult {
  readonly ready: number;
  readonly failed: readonly WaitFailure[];
  readonly interrupted: boolean;
}

/** How long explaining a failure (pods, events) may take once the wait is over. */
const EXPLAIN_BUDGET_MS = 5_000;

// A poll that the server leaves unanswered ends at the deadline all the same.
async function beforeDeadline<T>(task: Promise<T>, deadline: number, late: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late()), Math.max(deadline - Date.now(), 0));
  });
  try {
    return await Promise.race([task, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function check(cluster: ClusterApi, t: WaitTarget, rule: ReadinessRule): Promise<Readiness> {
  const info = await cluster.lookup(t.object.apiVersion, t.object.kind);
  if (!info) return { state: 'waiting', message: 'kind not served yet' };
  const live = await cluster.get(info, t.object.metadata?.namespace, t.object.metadata?.name ?? '');
  if (!live) return { state: 'waiting', message: 'not found' };
  return judgeReadiness(cluster, live, rule);
}

/** Why an object is not ready: its pods' problems and the recent warning events of it and its pods. */
export async function explain(cluster: ClusterApi, o: KubeObject): Promise<string[]> {
  const ns = o.metadata?.namespace;
  const podInfo = await cluster.lookup('v1', 'Pod');
  const selector = podSelector(o);
  const pods = selector && podInfo ? await cluster.list(podInfo, ns, { labelSelector: selector }) : [];
  const names = [o.metadata?.name ?? '', ...pods.slice(0, 3).map((p) => p.metadata?.name ?? '')];
  const eventInfo = await cluster.lookup('v1', 'Event');
  const events: KubeObject[] = [];
  if (eventInfo && ns) {
    await Promise.all(
      names.map(async (name) => {
        events.push(...(await cluster.list(eventInfo, ns, { fieldSelector: `involvedObject.name=${name}`, limit: 50 })));
      }),
    );
  }
  return explainFailure(pods, events);
}

/**
 * Polls each object until its kind's readiness rule says ready or failed, or the time is up.
 * Objects without a rule are ready once applied. On failure or timeout, says why.
 */
export async function waitReady(unbounded: ClusterApi, targets: readonly WaitTarget[], options: WaitOptions): Promise<WaitResult> {
  const rules = options.rules ?? READINESS_RULES;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  // Every poll (a request in flight too) ends by the deadline, whatever the server does.
  const client = unbounded.scoped({ deadline });
  const pending = new Map<WaitTarget, { rule: ReadinessRule; last: Readiness }>();
  let ready = 0;
  for (const t of targets) {
    const rule = readinessRule(t.object, rules);
    if (rule) pending.set(t, { rule, last: { state: 'waiting', message: 'waiting' } });
    else ready++;
  }
  const failed: WaitFailure[] = [];
  const fail = async (t: WaitTarget, message: string) => {
    const until = Math.max(deadline, Date.now()) + EXPLAIN_BUDGET_MS;
    const why = explain(unbounded.scoped({ deadline: until }), t.object).catch((e) => [`(could not read pods and events: ${(e as Error).message})`]);
    const reasons = await beforeDeadline(why, until, () => ['(could not read pods and events: no answer in time)']);
    failed.push({ id: t.id, message, reasons });
    options.progress.update(t.id, 'failed', reasons.length ? `${message} (${reasons[0]})` : message, started);
  };
  for (let round = 0; pending.size > 0; round++) {
    if (options.stopped()) break;
    await Promise.all(
      [...pending].map(async ([t, entry]) => {
        const polled = check(client, t, entry.rule).catch((e): Readiness => ({ state: 'waiting', message: `cannot read it: ${(e as Error).message}` }));
        const state = await beforeDeadline(polled, deadline, (): Readiness => ({
          state: 'waiting',
          message: 'the API server did not answer before the deadline',
        }));
        entry.last = state;
        if (state.state === 'waiting') {
          options.progress.update(t.id, 'waiting', state.message, started);
          return;
        }
        pending.delete(t);
        if (state.state === 'ready') {
          ready++;
          options.progress.update(t.id, 'ready', state.message, started);
        } else {
          await fail(t, state.message);
        }
      }),
    );
    if (pending.size === 0 || options.stopped()) break;
    if (Date.now() >= deadline) {
      const seconds = Math.round(options.timeoutMs / 1000);
      await Promise.all([...pending].map(([t, entry]) => fail(t, `not ready after ${seconds}s: ${entry.last.message}`)));
      pending.clear();
      break;
    }
    await sleep(Math.min(options.intervalMs ?? (round < 5 ? 300 : 1000), Math.max(deadline - Date.now(), 0)));
  }
  return { ready, failed, interrupted: options.stopped() && pending.size > 0 };
}
