import { isNamespaced } from '../../../lib/k8s/scope.js';
import { groupOf, isRecord, type KubeObject } from '../../../lib/manifest/object.js';

/**
 * Mutations of real inputs, generated (not hand-picked): each changes one kind of field of one
 * object, or the set of objects. A seeded generator keeps every run the same.
 */
export interface Mutation {
  readonly kind: MutationKind;
  /** What changed, for a failure message: "deployment.apps/web spec.replicas 1 → 2". */
  readonly description: string;
  readonly objects: KubeObject[];
}

export const MUTATION_KINDS = [
  'string',
  'number',
  'boolean',
  'list-item-added',
  'list-item-removed',
  'map-entry-added',
  'map-entry-removed',
  'label',
  'annotation',
  'secret-data',
  'secret-stringData',
  'configmap-data',
  'object-removed',
  'object-added',
  'cluster-scoped-namespace',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

type Path = (string | number)[];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clone = <T>(v: T): T => structuredClone(v);

// Names, identities, enums and selectors: changing them tests validation, not diffing.
const FIXED_KEYS = new Set([
  'apiVersion',
  'kind',
  'name',
  'namespace',
  'type',
  'protocol',
  'operator',
  'effect',
  'scope',
  'group',
  'plural',
  'singular',
  'listKind',
  'storage',
  'served',
  'resourceVersion',
  'uid',
]);
const FIXED_UNDER = new Set([
  'selector',
  'matchLabels',
  'matchExpressions',
  'metadata',
  'scaleTargetRef',
  'roleRef',
  'subjects',
  'names',
  'conversion',
  'status',
  'volumeClaimTemplates',
  'openAPIV3Schema',
  'dnsConfig',
]);

function leaves(value: unknown, path: Path = [], out: { path: Path; value: unknown }[] = []): { path: Path; value: unknown }[] {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out));
  else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (FIXED_KEYS.has(k) || FIXED_UNDER.has(k)) continue;
      leaves(v, [...path, k], out);
    }
  } else out.push({ path, value });
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
}

function label(o: KubeObject): string {
  const group = groupOf(o.apiVersion);
  return `${o.kind.toLowerCase()}${group ? `.${group}` : ''}/${o.metadata?.name}`;
}

const fmt = (path: Path) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .slice(1);

/** Pod specs of an object (workloads, templates of templates). */
function podSpecs(o: KubeObject): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown) => {
    if (!isRecord(v)) return;
    if (Array.isArray(v.containers)) out.push(v);
    for (const [k, child] of Object.entries(v)) if (k !== 'metadata') visit(child);
  };
  visit(o.spec);
  return out;
}

type Generator = (objects: KubeObject[], pick: <T>(xs: readonly T[]) => T | undefined, namespaced: (o: KubeObject) => boolean) => Mutation | undefined;

function leafMutation(kind: 'string' | 'number' | 'boolean', change: (v: unknown) => unknown): Generator {
  return (objects, pick) => {
    const candidates = objects.flatMap((o, i) =>
      o.kind === 'CustomResourceDefinition'
        ? []
        : leaves(o)
            .filter((l) => typeof l.value === kind)
            .map((l) => ({ i, ...l })),
    );
    const c = pick(candidates);
    if (!c) return undefined;
    const out = clone(objects);
    const next = change(c.value);
    setAt(out[c.i], c.path, next);
    return { kind, description: `${label(out[c.i]!)} ${fmt(c.path)}: ${JSON.stringify(c.value)} → ${JSON.stringify(next)}`, objects: out };
  };
}

const GENERATORS: Record<MutationKind, Generator> = {
  string: leafMutation('string', (v) => `${String(v)}-m`),
  number: leafMutation('number', (v) => Number(v) + 1),
  boolean: leafMutation('boolean', (v) => !v),
  'list-item-added': (objects, pick) => {
    const c = pick(objects.flatMap((o, i) => podSpecs(o).map((_, j) => ({ i, j }))));
    if (!c) return undefined;
    const out = clone(objects);
    const container = (podSpecs(out[c.i]!)[c.j]!.containers as Record<string, unknown>[])[0]!;
    container.env = [...(Array.isArray(container.env) ? container.env : []), { name: 'LADING_MUTATION', value: 'added' }];
    return { kind: 'list-item-added', description: `${label(out[c.i]!)} container ${String(container.name)} env[name=LADING_MUTATION] added`, objects: out };
  },
  'list-item-removed': (objects, pick) => {
    const c = pick(
      objects.flatMap((o, i) =>
        podSpecs(o).flatMap((p, j) => ((p.containers as Record<string, unknown>[]).some((k) => Array.isArray(k.env) && k.env.length) ? [{ i, j }] : [])),
      ),
    );
    if (!c) return undefined;
    const out = clone(objects);
    const container = (podSpecs(out[c.i]!)[c.j]!.containers as Record<string, unknown>[]).find((k) => Array.isArray(k.env) && k.env.length)!;
    const removed = (container.env as { name: string }[]).pop()!;
    return {
      kind: 'list-item-removed',
      description: `${label(out[c.i]!)} container ${String(container.name)} env[name=${removed.name}] removed`,
      objects: out,
    };
  },
  'map-entry-added': (objects, pick) => {
    const i = pick(objects.map((_, k) => k));
    if (i === undefined) return undefined;
    const out = clone(objects);
    const meta = out[i]!.metadata!;
    meta.annotations = { ...meta.annotations, 'lading.dev/mutation': 'added' };
    return { kind: 'map-entry-added', description: `${label(out[i]!)} metadata.annotations["lading.dev/mutation"] added`, objects: out };
  },
  'map-entry-removed': (objects, pick) => {
    const c = pick(objects.flatMap((o, i) => Object.keys(o.metadata?.annotations ?? {}).map((key) => ({ i, key }))));
    if (!c) return undefined;
    const out = clone(objects);
    delete out[c.i]!.metadata!.annotations![c.key];
    return { kind: 'map-entry-removed', description: `${label(out[c.i]!)} metadata.annotations["${c.key}"] removed`, objects: out };
  },
  label: (objects, pick) => {
    const c = pick(objects.flatMap((o, i) => Object.keys(o.metadata?.labels ?? {}).map((key) => ({ i, key }))));
    if (!c) return undefined;
    const out = clone(objects);
    out[c.i]!.metadata!.labels![c.key] = `${out[c.i]!.metadata!.labels![c.key]}-m`.replace(/^-/, 'm');
    return { kind: 'label', description: `${label(out[c.i]!)} metadata.labels["${c.key}"] changed`, objects: out };
  },
  annotation: (objects, pick) => {
    const c = pick(objects.flatMap((o, i) => Object.keys(o.metadata?.annotations ?? {}).map((key) => ({ i, key }))));
    const out = clone(objects);
    if (!c) {
      const i = pick(objects.map((_, k) => k));
      if (i === undefined) return undefined;
      out[i]!.metadata!.annotations = { 'lading.dev/note': 'new' };
      return { kind: 'annotation', description: `${label(out[i]!)} first annotation`, objects: out };
    }
    out[c.i]!.metadata!.annotations![c.key] = `${out[c.i]!.metadata!.annotations![c.key]}-m`;
    return { kind: 'annotation', description: `${label(out[c.i]!)} metadata.annotations["${c.key}"] changed`, objects: out };
  },
  'secret-data': (objects, pick) => {
    const i = pick(objects.flatMap((o, k) => (o.kind === 'Secret' ? [k] : [])));
    if (i === undefined) return undefined;
    const out = clone(objects);
    const data = isRecord(out[i]!.data) ? (out[i]!.data as Record<string, string>) : {};
    const key = pick(Object.keys(data).sort()) ?? 'mutation';
    out[i]!.data = { ...data, [key]: Buffer.from(`mutated-${key}`).toString('base64') };
    return { kind: 'secret-data', description: `${label(out[i]!)} data.${key} changed (masked)`, objects: out };
  },
  'secret-stringData': (objects, pick) => {
    const i = pick(objects.flatMap((o, k) => (o.kind === 'Secret' ? [k] : [])));
    if (i === undefined) return undefined;
    const out = clone(objects);
    out[i]!.stringData = { ...(isRecord(out[i]!.stringData) ? (out[i]!.stringData as Record<string, string>) : {}), 'mutation-key': 'mutated-value' };
    return { kind: 'secret-stringData', description: `${label(out[i]!)} stringData["mutation-key"] set (masked)`, objects: out };
  },
  'configmap-data': (objects, pick) => {
    const i = pick(objects.flatMap((o, k) => (o.kind === 'ConfigMap' ? [k] : [])));
    if (i === undefined) return undefined;
    const out = clone(objects);
    const data = isRecord(out[i]!.data) ? (out[i]!.data as Record<string, string>) : {};
    const key = pick(Object.keys(data).sort()) ?? 'mutation';
    out[i]!.data = { ...data, [key]: `${data[key] ?? ''}mutated` };
    return { kind: 'configmap-data', description: `${label(out[i]!)} data.${key} changed`, objects: out };
  },
  'object-removed': (objects, pick, namespaced) => {
    // A Namespace or CRD removed takes everything in it: a prune that needs its own consent.
    if (objects.length < 2) return undefined; // an empty application is refused
    const i = pick(objects.flatMap((o, k) => (o.kind !== 'Namespace' && o.kind !== 'CustomResourceDefinition' && namespaced(o) ? [k] : [])));
    if (i === undefined) return undefined;
    return { kind: 'object-removed', description: `${label(objects[i]!)} removed`, objects: objects.filter((_, k) => k !== i) };
  },
  'object-added': (objects) => {
    const ns = objects.find((o) => o.metadata?.namespace)?.metadata?.namespace;
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'lading-mutation-added', ...(ns ? { namespace: ns } : {}) },
      data: { added: 'yes' },
    };
    return { kind: 'object-added', description: 'configmap/lading-mutation-added added', objects: [...clone(objects), cm] };
  },
  'cluster-scoped-namespace': (objects, pick, namespaced) => {
    const i = pick(objects.flatMap((o, k) => (!namespaced(o) && o.kind !== 'Namespace' && !o.metadata?.namespace ? [k] : [])));
    if (i === undefined) return undefined;
    const out = clone(objects);
    out[i]!.metadata!.namespace = 'some-namespace';
    return { kind: 'cluster-scoped-namespace', description: `${label(out[i]!)} metadata.namespace set (ignored by the server)`, objects: out };
  },
};

/**
 * Up to `count` mutations of `objects`, one kind after the other (every kind that applies to
 * the input is tried before any repeats), each of a randomly picked object and field.
 */
export function mutations(
  objects: readonly KubeObject[],
  seed: number,
  count: number,
  customNamespaced: (o: KubeObject) => boolean | undefined = () => undefined,
): Mutation[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(random() * xs.length)] : undefined);
  const namespaced = (o: KubeObject) => customNamespaced(o) ?? isNamespaced(groupOf(o.apiVersion), o.kind);
  const out: Mutation[] = [];
  const kinds = [...MUTATION_KINDS].sort(() => random() - 0.5);
  for (let round = 0; out.length < count && round < 3; round++) {
    for (const kind of kinds) {
      if (out.length >= count) break;
      const m = GENERATORS[kind](objects as KubeObject[], pick, namespaced);
      if (m) out.push(m);
    }
  }
  return out;
}
