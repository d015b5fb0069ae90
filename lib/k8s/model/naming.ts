// TypeScript names for OpenAPI definitions.
//
// Rule: a definition is named by its plain name (Deployment, Container, ObjectMeta) unless
// another definition shares that name. Among those that share it, the preferred one keeps the
// plain name: a kind (it has x-kubernetes-group-version-kind) before a sub-type, then the most
// stable version (GA > beta > alpha, higher first: v2 > v1 > v1beta2 > v1beta1 > v1alpha1), then
// the group (core, apps, batch, autoscaling, networking, policy, rbac, storage, then a-z).
// The others get the version appended (HorizontalPodAutoscalerV1), or the group and the
// version when the version alone is still ambiguous (EventEventsV1, ResourceClaimCoreV1).

const VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const GROUP_PRIORITY = ['core', 'apps', 'batch', 'autoscaling', 'networking', 'policy', 'rbac', 'storage'];

export interface DefinitionId {
  readonly id: string;
  readonly name: string;
  /** The package segment before the version (core, apps, meta, apiextensions), or ''. */
  readonly group: string;
  /** v1, v2beta1, ... or '' for unversioned packages (resource, intstr, runtime). */
  readonly version: string;
  readonly isKind: boolean;
}

export function parseDefinitionId(id: string, isKind: boolean): DefinitionId {
  const parts = id.split('.');
  const name = parts[parts.length - 1];
  const maybeVersion = parts[parts.length - 2] ?? '';
  const versioned = VERSION.test(maybeVersion);
  return {
    id,
    name,
    version: versioned ? maybeVersion : '',
    group: versioned ? (parts[parts.length - 3] ?? '') : '',
    isKind,
  };
}

/** Sort key of a Kubernetes version: larger is more preferred. */
export function versionRank(version: string): number {
  const m = VERSION.exec(version);
  if (!m) return -1;
  const stability = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return stability * 1_000_000 + Number(m[1]) * 1_000 + Number(m[3] ?? 0);
}

function groupRank(group: string): number {
  const i = GROUP_PRIORITY.indexOf(group);
  return i === -1 ? GROUP_PRIORITY.length : i;
}

function compareForPreference(a: DefinitionId, b: DefinitionId): number {
  if (a.isKind !== b.isKind) return a.isKind ? -1 : 1;
  const byVersion = versionRank(b.version) - versionRank(a.version);
  if (byVersion !== 0) return byVersion;
  const byGroup = groupRank(a.group) - groupRank(b.group);
  if (byGroup !== 0) return byGroup;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

/** Map every definition id to a unique TypeScript name. */
export function assignNames(ids: readonly DefinitionId[]): Map<string, string> {
  const byName = new Map<string, DefinitionId[]>();
  for (const d of ids) {
    const list = byName.get(d.name) ?? [];
    list.push(d);
    byName.set(d.name, list);
  }
  const names = new Map<string, string>();
  for (const [name, members] of byName) {
    const sorted = [...members].sort(compareForPreference);
    names.set(sorted[0].id, name);
    for (const d of sorted.slice(1)) {
      const sameVersion = members.filter((m) => m.version === d.version).length > 1;
      names.set(d.id, name + (sameVersion ? pascal(d.group) : '') + pascal(d.version || d.group));
    }
  }
  const seen = new Set<string>();
  for (const id of [...names.keys()].sort()) {
    const n = names.get(id)!;
    if (seen.has(n)) throw new Error(`naming: ${n} is given to two definitions (${id})`);
    seen.add(n);
  }
  return names;
}
