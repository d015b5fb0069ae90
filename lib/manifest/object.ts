import type { FieldPath } from './source.js';

/** A Kubernetes object as plain data: what synth produces and what validate, diff and apply read. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMetaLike;
  [field: string]: unknown;
}

export interface ObjectMetaLike {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export function isKubeObject(v: unknown): v is KubeObject {
  return isRecord(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The API group of an apiVersion ("" for the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** "kind/name" as kubectl prints it, with the group when it is not core (e.g. "deployment.apps/web"). */
export function displayName(o: KubeObject): string {
  const group = groupOf(o.apiVersion);
  const kind = o.kind.toLowerCase() + (group ? `.${group}` : '');
  return `${kind}/${o.metadata?.name ?? o.metadata?.generateName ?? '<unnamed>'}`;
}

/** The one key of an object's identity: "group/kind/namespace/name" (the version does not count). */
export function identityKey(group: string, kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${group}/${kind}/${namespace ?? ''}/${name ?? ''}`;
}

/** Identity of an object within one input: group, kind, namespace and name. */
export function objectKey(o: KubeObject, defaultNamespace = ''): string {
  return identityKey(groupOf(o.apiVersion), o.kind, o.metadata?.namespace ?? defaultNamespace, o.metadata?.name);
}

/** The value at `path` inside `root`, or undefined. */
export function getPath(root: unknown, path: FieldPath): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** Renders a field path the way kubectl does: spec.template.spec.containers[0].image. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out || '(root)';
}
