import { createHash } from 'node:crypto';
import { groupOf, type KubeObject } from '../manifest/object.js';

/** Labels and annotations of the ApplySet standard (KEP-3659), which kubectl also reads. */
export const APPLYSET = {
  idLabel: 'applyset.kubernetes.io/id',
  partOfLabel: 'applyset.kubernetes.io/part-of',
  tooling: 'applyset.kubernetes.io/tooling',
  groupKinds: 'applyset.kubernetes.io/contains-group-kinds',
  additionalNamespaces: 'applyset.kubernetes.io/additional-namespaces',
} as const;

export const TOOLING = 'lading/0.1.0';

/** The parent object of one application's set: a ConfigMap in the application's namespace. */
export interface ApplySetRef {
  readonly name: string;
  readonly namespace: string;
  readonly id: string;
}

/** The parent's name for an application (and environment). */
export function applySetName(app: string, env?: string): string {
  return `lading-${app}${env ? `-${env}` : ''}`;
}

/** applyset-<base64url(sha256("<name>.<namespace>.<kind>.<group>"))>-v1, as the KEP defines it. */
export function applySetId(name: string, namespace: string, kind = 'ConfigMap', group = ''): string {
  const hash = createHash('sha256').update(`${name}.${namespace}.${kind}.${group}`).digest('base64url');
  return `applyset-${hash}-v1`;
}

export function applySetRef(app: string, namespace: string, env?: string): ApplySetRef {
  const name = applySetName(app, env);
  return { name, namespace, id: applySetId(name, namespace) };
}

/** "Kind.group" (core kinds: "Kind"), the form of contains-group-kinds. */
export function groupKind(o: { apiVersion: string; kind: string }): string {
  const group = groupOf(o.apiVersion);
  return group ? `${o.kind}.${group}` : o.kind;
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
  const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
  return { tooling: a[APPLYSET.tooling], groupKinds: list(a[APPLYSET.groupKinds]), namespaces: list(a[APPLYSET.additionalNamespaces]) };
}

/** Why lading must not touch this set (it belongs to another tool), or undefined. */
export function foreignTooling(parent: KubeObject | undefined): string | undefined {
  if (!parent) return undefined;
  const { tooling } = readParent(parent);
  if (tooling === undefined || tooling.startsWith('lading/')) return undefined;
  return `the ApplySet ${parent.metadata?.namespace}/${parent.metadata?.name} belongs to "${tooling}", not lading: refusing to change or prune it`;
}
