import { createHash, createHmac } from 'node:crypto';
import type { ApplySetRef } from '../core/applyset.js';
import { SALT_ANNOTATION } from '../core/names.js';
import { isRecord, type KubeObject } from '../manifest/object.js';
import { canonicalize } from '../manifest/canonical.js';
import { type BlastItem, blastRadius } from './blast-radius.js';
import { maskSecretPair } from './mask.js';
import { dropServerMetadata, dropStatus, normalize } from './normalize.js';
import type { AppPlan } from './report.js';
import type { Category, ObjectPlan } from './types.js';

export const SAVED_PLAN_KIND = 'SavedPlan';
export const SAVED_PLAN_API_VERSION = 'lading.dev/v1';

/** The live object a saved plan was made against. */
export interface PlannedLive {
  readonly uid?: string;
  readonly resourceVersion?: string;
  /**
   * sha256 of the live object less status, server metadata and managedFields times: a new
   * resourceVersion with the same content is a status update, which changes nothing the plan
   * decided. Absent for Secrets (a digest of their values could be tested against guesses).
   */
  readonly content?: string;
}

/** One object of a saved plan: what apply will send (masked) and what it was planned against. */
export interface SavedObject {
  readonly category: Category;
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** The object apply sends, with secret values and checksum annotations masked (absent for prune). */
  readonly desired?: KubeObject;
  readonly live?: PlannedLive;
  /** Per key of a Secret whose checksum salt lives in the cluster: HMAC-SHA256 of its value with that salt. */
  readonly secretDigests?: Readonly<Record<string, string>>;
  readonly danger?: string;
}

export interface SavedApp {
  readonly name: string;
  readonly env?: string;
  readonly applySet?: Pick<ApplySetRef, 'id' | 'name' | 'namespace' | 'manager'>;
  readonly objects: readonly SavedObject[];
  readonly blastRadius: readonly BlastItem[];
}

/** Which inputs the plan was made from: apply --plan reads the same ones. */
export interface PlanInputs {
  readonly digest: string;
  readonly filename?: readonly string[];
  readonly name?: string;
  readonly env?: string;
  readonly appsDir?: string;
  readonly namespace?: string;
  readonly trustSecretSources?: boolean;
}

export interface SavedPlan {
  readonly apiVersion: typeof SAVED_PLAN_API_VERSION;
  readonly kind: typeof SAVED_PLAN_KIND;
  readonly createdAt: string;
  readonly ladingVersion: string;
  readonly cluster: { readonly server: string; readonly context: string };
  readonly inputs: PlanInputs;
  readonly applications: readonly SavedApp[];
}

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const canonicalJson = (v: unknown) => JSON.stringify(canonicalize(v));

/** managedFields without their times and without status writers: a controller renews them on every status update. */
function timelessManagedFields(o: KubeObject): unknown {
  const list = o.metadata?.managedFields;
  return Array.isArray(list)
    ? list.filter((m) => !(isRecord(m) && m.subresource === 'status')).map((m) => (isRecord(m) ? { ...m, time: undefined } : m))
    : undefined;
}

function liveOf(live: KubeObject | undefined): PlannedLive | undefined {
  if (!live) return undefined;
  const meta = live.metadata ?? {};
  const content =
    live.kind === 'Secret'
      ? undefined
      : sha256(canonicalJson({ object: normalize(live, {}, [dropServerMetadata, dropStatus]), managedFields: timelessManagedFields(live) }));
  return {
    ...(typeof meta.uid === 'string' ? { uid: meta.uid } : {}),
    ...(typeof meta.resourceVersion === 'string' ? { resourceVersion: meta.resourceVersion } : {}),
    ...(content ? { content } : {}),
  };
}

/**
 * Keyed digests of a Secret's values, only when its checksum salt is the live one: that key
 * never leaves the cluster, so the plan file gives no way to test a guess of a value. A Secret
 * new to the cluster has no such key yet: its values are re-read from the same sources at apply.
 */
export function secretDigests(desired: KubeObject | undefined, live: KubeObject | undefined): Record<string, string> | undefined {
  if (desired?.kind !== 'Secret' || desired.apiVersion !== 'v1') return undefined;
  const salt = live?.metadata?.annotations?.[SALT_ANNOTATION];
  if (typeof salt !== 'string' || desired.metadata?.annotations?.[SALT_ANNOTATION] !== salt) return undefined;
  const out: Record<string, string> = {};
  for (const field of ['data', 'stringData'] as const) {
    const map = desired[field];
    if (!isRecord(map)) continue;
    for (const [k, v] of Object.entries(map)) {
      const bytes = field === 'data' ? Buffer.from(String(v), 'base64') : Buffer.from(String(v), 'utf8');
      out[k] = createHmac('sha256', salt).update(k).update('\0').update(bytes).digest('hex');
    }
  }
  return out;
}

function savedObject(o: ObjectPlan): SavedObject {
  const [, masked] = maskSecretPair(undefined, o.desired);
  const live = liveOf(o.live);
  const digests = secretDigests(o.desired, o.live);
  return {
    category: o.category,
    id: o.id,
    apiVersion: o.apiVersion,
    kind: o.kind,
    ...(o.namespace ? { namespace: o.namespace } : {}),
    name: o.name,
    ...(masked && o.category !== 'prune' ? { desired: canonicalize(masked) as KubeObject } : {}),
    ...(live ? { live } : {}),
    ...(digests ? { secretDigests: digests } : {}),
    ...(o.danger ? { danger: o.danger } : {}),
  };
}

/** The plan as a file holds it: every object's masked desired state and the live versions it was made against. */
export function savedPlanOf(
  plans: readonly AppPlan[],
  meta: { createdAt: Date; ladingVersion: string; cluster: SavedPlan['cluster']; inputs: PlanInputs },
): SavedPlan {
  return {
    apiVersion: SAVED_PLAN_API_VERSION,
    kind: SAVED_PLAN_KIND,
    createdAt: meta.createdAt.toISOString(),
    ladingVersion: meta.ladingVersion,
    cluster: meta.cluster,
    inputs: meta.inputs,
    applications: plans.map((p) => ({
      name: p.name,
      ...(p.env ? { env: p.env } : {}),
      ...(p.set ? { applySet: { id: p.set.id, name: p.set.name, namespace: p.set.namespace, manager: p.set.manager } } : {}),
      objects: p.plan.objects.map(savedObject),
      blastRadius: blastRadius(p.plan),
    })),
  };
}

export function objectWhere(o: { id: string; namespace?: string }): string {
  return `${o.id}${o.namespace ? ` -n ${o.namespace}` : ''}`;
}

function appKey(a: { name: string; env?: string }): string {
  return a.env ? `${a.name} (env ${a.env})` : a.name;
}

// Why one object of the plan made now is not the one reviewed; undefined when it is.
function objectDifference(saved: SavedObject, now: SavedObject): string | undefined {
  const was = saved.live;
  const is = now.live;
  if (!was && is) return `created in the cluster since the plan (resourceVersion ${is.resourceVersion})`;
  if (was && !is) return 'deleted from the cluster since the plan';
  if (was && is) {
    if (was.uid !== is.uid) return `deleted and created again in the cluster since the plan (uid ${was.uid}, now ${is.uid})`;
    // A new resourceVersion with the same content: a controller wrote status; the plan still holds.
    if (was.resourceVersion !== is.resourceVersion && !(was.content && was.content === is.content)) {
      return `changed in the cluster since the plan (resourceVersion ${was.resourceVersion}, now ${is.resourceVersion})`;
    }
  }
  if (saved.category !== now.category) return `planned to ${saved.category}, it would now ${now.category}`;
  if (canonicalJson(saved.desired) !== canonicalJson(now.desired)) return "its desired state differs from the plan's";
  const keys = new Set([...Object.keys(saved.secretDigests ?? {}), ...Object.keys(now.secretDigests ?? {})]);
  const changed = [...keys].filter((k) => saved.secretDigests?.[k] !== now.secretDigests?.[k]).sort();
  if (changed.length)
    return `the value${changed.length === 1 ? '' : 's'} of ${changed.join(', ')} differ${changed.length === 1 ? 's' : ''} from the plan's (read again from the same sources)`;
  return undefined;
}

/**
 * Every way the plan made now differs from the reviewed one, one line per object (or
 * application): an apply of a saved plan refuses when this is not empty.
 */
export function planDifferences(saved: SavedPlan, now: SavedPlan): string[] {
  const out: string[] = [];
  const nowApps = new Map(now.applications.map((a) => [appKey(a), a]));
  const savedKeys = new Set(saved.applications.map(appKey));
  for (const a of now.applications) if (!savedKeys.has(appKey(a))) out.push(`application ${appKey(a)}: not in the plan`);
  for (const a of saved.applications) {
    const current = nowApps.get(appKey(a));
    if (!current) {
      out.push(`application ${appKey(a)}: in the plan, not in the inputs now`);
      continue;
    }
    if (a.applySet?.id !== current.applySet?.id)
      out.push(`application ${appKey(a)}: its ApplySet is ${current.applySet?.id}, the plan's was ${a.applySet?.id}`);
    const currentObjects = new Map(current.objects.map((o) => [objectWhere(o), o]));
    const savedObjects = new Set(a.objects.map(objectWhere));
    for (const o of a.objects) {
      const c = currentObjects.get(objectWhere(o));
      if (!c) {
        out.push(
          `${objectWhere(o)}: planned to ${o.category}, ${o.category === 'prune' ? 'no longer a prune candidate (deleted or changed since the plan)' : 'not in the inputs now'}`,
        );
        continue;
      }
      const why = objectDifference(o, c);
      if (why) out.push(`${objectWhere(o)}: ${why}`);
    }
    for (const c of current.objects) {
      if (!savedObjects.has(objectWhere(c))) out.push(`${objectWhere(c)}: not in the plan (it would ${c.category})`);
    }
  }
  return out;
}

/**
 * The preconditions of a verified plan: each write and delete carries the resourceVersion the
 * reviewed plan saw (or, after a status-only update, the one just verified to hold the same
 * content), so a change made after this check makes the server refuse the request.
 */
export function withPreconditions(plans: readonly AppPlan[]): AppPlan[] {
  return plans.map((p) => ({
    ...p,
    plan: {
      ...p.plan,
      objects: p.plan.objects.map((o) => {
        const rv = o.live?.metadata?.resourceVersion;
        // lading 0.1's manager is renamed just before the write (a new resourceVersion): checked before, not pinned.
        if (typeof rv !== 'string' || o.migrateFrom || !['change', 'replace', 'prune'].includes(o.category)) return o;
        return { ...o, precondition: { resourceVersion: rv } };
      }),
    },
  }));
}

/** Reads a plan file's text; a message naming the file and what is wrong when it is not a plan. */
export function parseSavedPlan(text: string, file: string): SavedPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not a saved plan: ${(e as Error).message}`, { cause: e });
  }
  if (!isRecord(value) || value.kind !== SAVED_PLAN_KIND || value.apiVersion !== SAVED_PLAN_API_VERSION) {
    throw new Error(`${file}: not a saved plan: expected kind ${SAVED_PLAN_KIND} of ${SAVED_PLAN_API_VERSION} (made by lading diff --save-plan)`);
  }
  const problems: string[] = [];
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) problems.push('createdAt: expected a date-time');
  if (!isRecord(value.inputs) || typeof value.inputs.digest !== 'string') problems.push('inputs.digest: expected a string');
  if (!isRecord(value.cluster) || typeof value.cluster.server !== 'string') problems.push('cluster.server: expected a string');
  if (!Array.isArray(value.applications) || !value.applications.every((a) => isRecord(a) && typeof a.name === 'string' && Array.isArray(a.objects))) {
    problems.push('applications: expected a list of applications with objects');
  }
  if (problems.length) throw new Error(`${file}: not a usable saved plan: ${problems.join('; ')}`);
  return value as unknown as SavedPlan;
}
