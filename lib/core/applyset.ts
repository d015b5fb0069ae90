import { createHash } from 'node:crypto';
import { groupOf, type KubeObject } from '../manifest/object.js';
import { VERSION } from './version.js';

/** Labels and annotations of the ApplySet standard (KEP-3659), which kubectl also reads. */
export const APPLYSET = {
  idLabel: 'applyset.kubernetes.io/id',
  partOfLabel: 'applyset.kubernetes.io/part-of',
  tooling: 'applyset.kubernetes.io/tooling',
  groupKinds: 'applyset.kubernetes.io/contains-group-kinds',
  additionalNamespaces: 'applyset.kubernetes.io/additional-namespaces',
} as const;

export const TOOLING = `lading/${VERSION}`;

/**
 * The parent object of one application's set: a ConfigMap in the application's namespace.
 * (application, environment, namespace) identifies it; `manager` is the field manager its
 * objects are applied with, so that the cluster records which application wrote what.
 */
export interface ApplySetRef {
  readonly name: string;
  readonly namespace: string;
  readonly id: string;
  readonly manager: string;
}

/** The field manager of lading 0.1, shared by every application (objects it wrote are migrated). */
export const LEGACY_MANAGER = 'lading';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why an application or environment name cannot identify a set (undefined: it can). */
export function invalidSetPart(what: 'application' | 'environment', value: string): string | undefined {
  if (value.length <= 63 && DNS_LABEL.test(value)) return undefined;
  return `${what} name "${value}": expected a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)`;
}

/**
 * The parent's name for an application (and environment): `lading-<app>` or `lading-<app>.<env>`.
 * Both parts are DNS labels (no dots), so no two (app, env) pairs share a name.
 */
export function applySetName(app: string, env?: string): string {
  for (const [what, value] of [
    ['application', app],
    ['environment', env],
  ] as const) {
    const problem = value === undefined ? undefined : invalidSetPart(what, value);
    if (problem) throw new Error(problem);
  }
  return `lading-${app}${env ? `.${env}` : ''}`;
}

/** The field manager of one application's set: printable, at most 128 characters (the API server's limit). */
export function applySetManager(name: string, namespace: string): string {
  const manager = `lading/${name.replace(/^lading-/, '')}@${namespace}`;
  if (manager.length <= 128) return manager;
  const hash = createHash('sha256').update(manager).digest('hex').slice(0, 16);
  return `${manager.slice(0, 128 - 17)}~${hash}`;
}

/** applyset-<base64url(sha256("<name>.<namespace>.<kind>.<group>"))>-v1, as the KEP defines it. */
export function applySetId(name: string, namespace: string, kind = 'ConfigMap', group = ''): string {
  const hash = createHash('sha256').update(`${name}.${namespace}.${kind}.${group}`).digest('base64url');
  return `applyset-${hash}-v1`;
}

export function applySetRef(app: string, namespace: string, env?: string): ApplySetRef {
  const name = applySetName(app, env);
  return { name, namespace, id: applySetId(name, namespace), manager: applySetManager(name, namespace) };
}

/** "Kind.group" (core kinds: "Kind"), the form of contains-group-kinds. */
export function groupKind(o: { apiVersion: string; kind: string }): string {
  const group = groupOf(o.apiVersion);
  return group ? `${o.kind}.${group}` : o.kind;
}

/** The id of the set an object is labelled a member of, if any. */
export function memberOf(o: KubeObject | undefined): string | undefined {
  return o?.metadata?.labels?.[APPLYSET.partOfLabel];
}

/**
 * True when this application applied the object: it owns fields of it through server-side apply
 * as the set's manager (or as lading 0.1's shared manager, on an object labelled for this set).
 */
export function appliedBy(o: KubeObject, set: ApplySetRef): boolean {
  const entries = o.metadata?.managedFields;
  if (!Array.isArray(entries) || memberOf(o) !== set.id) return false;
  return entries.some(
    (e: { manager?: string; operation?: string; subresource?: string }) =>
      e.operation === 'Apply' && !e.subresource && (e.manager === set.manager || e.manager === LEGACY_MANAGER),
  );
}

/** A member as it is applied: with the part-of label of its set. */
export function withMembership(o: KubeObject, set: ApplySetRef): KubeObject {
  return { ...o, metadata: { ...o.metadata, labels: { ...o.metadata?.labels, [APPLYSET.partOfLabel]: set.id } } };
}

/** The parent ConfigMap listing what the set contains (written before members, superset first). */
export function parentObject(set: ApplySetRef, groupKinds: Iterable<string>, namespaces: Iterable<string>): KubeObject {
  const others = [...new Set(namespaces)].filter((ns) => ns && ns !== set.namespace).sort();
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: set.name,
      namespace: set.namespace,
      labels: { [APPLYSET.idLabel]: set.id, 'app.kubernetes.io/managed-by': 'lading' },
      annotations: {
        [APPLYSET.tooling]: TOOLING,
        [APPLYSET.groupKinds]: [...new Set(groupKinds)].sort().join(','),
        [APPLYSET.additionalNamespaces]: others.join(','),
      },
    },
  };
}

/** What a live parent says: its tooling, group-kinds and namespaces. */
export function readParent(parent: KubeObject | undefined): { tooling?: string; groupKinds: string[]; namespaces: string[] } {
  const a = parent?.metadata?.annotations ?? {};
  const list = (v: string | undefined) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  return { tooling: a[APPLYSET.tooling], groupKinds: list(a[APPLYSET.groupKinds]), namespaces: list(a[APPLYSET.additionalNamespaces]) };
}

/** Why lading must not touch this set (it belongs to another tool), or undefined. */
export function foreignTooling(parent: KubeObject | undefined): string | undefined {
  if (!parent) return undefined;
  const { tooling } = readParent(parent);
  if (tooling === undefined || tooling.startsWith('lading/')) return undefined;
  return `the ApplySet ${parent.metadata?.namespace}/${parent.metadata?.name} belongs to "${tooling}", not lading: refusing to change or prune it`;
}
