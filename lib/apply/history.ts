import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeObject } from '../manifest/object.js';
import { parseYamlStream } from '../manifest/parse-yaml.js';
import { emitYamlStream } from '../manifest/emit-yaml.js';
import { type ApplySetRef, applySetManager } from '../core/applyset.js';
import { HISTORY } from '../core/names.js';
import { dropServerMetadata, dropStatus, normalize } from '../plan/normalize.js';
import { secretShape } from './secrets.js';

/** Revisions kept per application (and environment). */
export const HISTORY_LIMIT = 10;

/** Who applied a revision, when, from which commit, and what it did. */
export interface RevisionInfo {
  readonly revision: number;
  readonly appliedAt: string;
  readonly appliedBy?: string;
  readonly commit?: string;
  readonly summary: string;
  /** The revision this one re-applied (lading rollback). */
  readonly rollbackOf?: number;
  /** Did --wait see every object ready ("ready"), not wait ("applied"), or fail ("failed")? */
  readonly status: string;
}

export interface Revision extends RevisionInfo {
  readonly app: string;
  readonly env?: string;
  readonly set: ApplySetRef;
  /** The record's name (a Secret in the set's namespace). */
  readonly recordName: string;
}

/** Annotations of a record (lading.dev/…): provenance, and what lets a reader check it is whole. */
export const A = {
  /** How many objects the record holds, and the SHA-256 of its manifests: a cut or damaged record is refused. */
  objects: 'lading.dev/objects',
  digest: 'lading.dev/manifests-sha256',
  appliedAt: 'lading.dev/applied-at',
  appliedBy: 'lading.dev/applied-by',
  commit: 'lading.dev/commit',
  summary: 'lading.dev/summary',
  rollbackOf: 'lading.dev/rollback-of',
  status: 'lading.dev/status',
  setName: 'lading.dev/applyset',
} as const;

export function recordName(set: ApplySetRef, revision: number): string {
  return `lading-history-${set.name.replace(/^lading-/, '')}-${revision}`;
}

/** Who and which commit, from what CI systems and shells provide. */
export function provenance(env: NodeJS.ProcessEnv, gitHead?: string): { appliedBy?: string; commit?: string } {
  const appliedBy = env.GITHUB_ACTOR ?? env.GITLAB_USER_LOGIN ?? env.USER ?? env.USERNAME;
  const commit = env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? gitHead;
  return { ...(appliedBy ? { appliedBy } : {}), ...(commit ? { commit } : {}) };
}

/**
 * The record of one applied revision: a Secret (like Helm's) holding the applied manifests,
 * gzipped, with every Secret reduced to its shape and sources. No secret value is ever stored.
 */
export function historyRecord(set: ApplySetRef, app: { name: string; env?: string }, info: RevisionInfo, objects: readonly KubeObject[]): KubeObject {
  const yaml = emitYamlStream(objects.map(secretShape).map(withoutServerFields));
  const annotations: Record<string, string> = {
    [A.objects]: String(objects.length),
    [A.digest]: manifestsDigest(yaml),
    [A.appliedAt]: info.appliedAt,
    [A.summary]: info.summary,
    [A.status]: info.status,
    [A.setName]: set.name,
  };
  if (info.appliedBy) annotations[A.appliedBy] = info.appliedBy;
  if (info.commit) annotations[A.commit] = info.commit;
  if (info.rollbackOf !== undefined) annotations[A.rollbackOf] = String(info.rollbackOf);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: HISTORY.type,
    metadata: {
      name: recordName(set, info.revision),
      namespace: set.namespace,
      labels: {
        [HISTORY.setLabel]: set.id,
        [HISTORY.appLabel]: app.name,
        ...(app.env ? { [HISTORY.envLabel]: app.env } : {}),
        [HISTORY.revisionLabel]: String(info.revision),
        'app.kubernetes.io/managed-by': 'lading',
      },
      annotations,
    },
    data: { [HISTORY.manifestsKey]: gzipSync(yaml).toString('base64') },
  };
}

// What the server added (status, uid, managedFields, ...) is not part of what was applied.
const withoutServerFields = (o: KubeObject): KubeObject => normalize(o, {}, [dropServerMetadata, dropStatus]);

export function manifestsDigest(yaml: string): string {
  return createHash('sha256').update(yaml, 'utf8').digest('hex');
}

/** What a live record says (undefined when it is not a lading history record). */
export function readRecord(o: KubeObject): Revision | undefined {
  const labels = o.metadata?.labels ?? {};
  const a = o.metadata?.annotations ?? {};
  const revision = Number(labels[HISTORY.revisionLabel]);
  if (!labels[HISTORY.setLabel] || !Number.isInteger(revision)) return undefined;
  return {
    revision,
    app: labels[HISTORY.appLabel] ?? '',
    ...(labels[HISTORY.envLabel] ? { env: labels[HISTORY.envLabel] } : {}),
    set: {
      id: labels[HISTORY.setLabel]!,
      name: a[A.setName] ?? '',
      namespace: o.metadata?.namespace ?? '',
      manager: applySetManager(a[A.setName] ?? '', o.metadata?.namespace ?? ''),
    },
    recordName: o.metadata?.name ?? '',
    appliedAt: a[A.appliedAt] ?? '',
    ...(a[A.appliedBy] ? { appliedBy: a[A.appliedBy] } : {}),
    ...(a[A.commit] ? { commit: a[A.commit] } : {}),
    summary: a[A.summary] ?? '',
    ...(a[A.rollbackOf] ? { rollbackOf: Number(a[A.rollbackOf]) } : {}),
    status: a[A.status] ?? '',
  };
}

/** The manifests' text a record holds (undefined when it holds none); throws when it cannot be unzipped. */
export function recordText(o: KubeObject): string | undefined {
  const data = (o.data as Record<string, unknown> | undefined)?.[HISTORY.manifestsKey];
  if (typeof data !== 'string' || !data) return undefined;
  return gunzipSync(Buffer.from(data, 'base64')).toString('utf8');
}

/** The manifests a record holds (unchecked: lib/apply/history-check.ts checks a record before use). */
export function recordObjects(o: KubeObject): KubeObject[] {
  const yaml = recordText(o);
  if (!yaml) return [];
  return parseYamlStream(yaml)
    .docs.map((d) => d.value)
    .filter((v): v is KubeObject => typeof v === 'object' && v !== null);
}

/** The next revision number, and the records beyond the limit once it is written (oldest first). */
export function nextRevision(existing: readonly Revision[], limit = HISTORY_LIMIT): { revision: number; expired: Revision[] } {
  const sorted = [...existing].sort((a, b) => a.revision - b.revision);
  const revision = (sorted.at(-1)?.revision ?? 0) + 1;
  const keep = Math.max(limit - 1, 0);
  return { revision, expired: sorted.slice(0, Math.max(sorted.length - keep, 0)) };
}

export function summarize(counts: { created: number; changed: number; replaced: number; pruned: number; unchanged: number }): string {
  return `${counts.created} created, ${counts.changed} changed, ${counts.replaced} replaced, ${counts.pruned} pruned, ${counts.unchanged} unchanged`;
}
