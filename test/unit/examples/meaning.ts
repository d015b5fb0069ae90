// The meaning of a set of Kubernetes objects, as the examples' differential test compares it:
// what runs (images, commands, args, ports, env, mounts, probes, hooks, replicas), how it is
// reached (Services) and what it stores (claims). Labels, names of containers, security
// contexts, resource limits and service accounts are lading's defaults and left aside.
import type { KubeObject } from '../../../lib/manifest/object.js';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(rec) : []);

const TEMPLATE: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  Pod: [],
};

function templateOf(o: KubeObject): Json | undefined {
  const path = TEMPLATE[o.kind];
  if (!path) return undefined;
  return path.reduce<Json>((at, k) => rec(at[k]), o as unknown as Json);
}

export interface Options {
  /** Env vars whose upstream literal is a Secret reference in lading's version (a password). */
  readonly secretEnv?: readonly string[];
}

function envValue(e: Json, options: Options): unknown {
  const from = rec(e.valueFrom);
  if (from.secretKeyRef || options.secretEnv?.includes(String(e.name))) return '<secret>';
  if (from.fieldRef) return { fieldRef: rec(from.fieldRef).fieldPath };
  return e.value ?? null;
}

function probe(p: unknown, defaultPortName?: string): unknown {
  const x = rec(p);
  if (!Object.keys(x).length) return undefined;
  // lading's default readiness probe: a TCP check of the main port (a default, like security).
  if (defaultPortName && rec(x.tcpSocket).port === defaultPortName && Object.keys(x).length === 1) return undefined;
  const handler = x.exec
    ? { exec: rec(x.exec).command }
    : x.httpGet
      ? { httpGet: [rec(x.httpGet).path, rec(x.httpGet).port] }
      : { tcpSocket: rec(x.tcpSocket).port };
  const timing = Object.fromEntries(
    ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'failureThreshold', 'successThreshold'].filter((k) => x[k] !== undefined).map((k) => [k, x[k]]),
  );
  return { ...handler, ...timing };
}

function quantity(v: unknown): string | undefined {
  return v === undefined ? undefined : String(v).replace(/^0\.5$/, '500m');
}

function container(c: Json, options: Options) {
  const ports = list(c.ports);
  const mainPortName = ports[0]?.name as string | undefined;
  const image = String(c.image);
  return {
    image,
    command: c.command ?? null,
    args: c.args ?? null,
    // Numbers, and names where the upstream names them (checked separately).
    ports: ports.map((p) => Number(p.containerPort)).sort((a, b) => a - b),
    portNames: Object.fromEntries(ports.filter((p) => p.name).map((p) => [String(p.containerPort), p.name])),
    env: Object.fromEntries(list(c.env).map((e) => [e.name, envValue(e, options)])),
    mounts: list(c.volumeMounts)
      .map((m) => m.mountPath)
      .sort(),
    readiness: probe(c.readinessProbe, mainPortName),
    liveness: probe(c.livenessProbe),
    lifecycle: c.lifecycle ?? null,
    imagePullPolicy: c.imagePullPolicy ?? null,
    requests: Object.fromEntries(Object.entries(rec(rec(c.resources).requests)).map(([k, v]) => [k, quantity(v)])),
    limits: Object.fromEntries(Object.entries(rec(rec(c.resources).limits)).map(([k, v]) => [k, quantity(v)])),
    capabilitiesAdded: rec(rec(c.securityContext).capabilities).add ?? [],
  };
}

export type ContainerMeaning = ReturnType<typeof container>;

export interface WorkloadMeaning {
  readonly replicas: unknown;
  readonly terminationGracePeriodSeconds: unknown;
  readonly containers: ContainerMeaning[];
  /** Claim templates: name, size, class (field or the beta annotation), access modes. */
  readonly claims: unknown[];
}

export interface ServiceMeaning {
  readonly type: string;
  readonly ports: number[];
  /** The workload whose pods the selector matches. */
  readonly selects: string[];
}

export interface Meaning {
  readonly workloads: Record<string, WorkloadMeaning>;
  readonly services: Record<string, ServiceMeaning>;
}

function claims(o: KubeObject): unknown[] {
  return list(rec(rec(o as unknown as Json).spec).volumeClaimTemplates).map((t) => {
    const spec = rec(t.spec);
    const annotations = rec(rec(t.metadata).annotations);
    return {
      name: rec(t.metadata).name,
      size: rec(rec(spec.resources).requests).storage,
      class: spec.storageClassName ?? annotations['volume.beta.kubernetes.io/storage-class'] ?? null,
      accessModes: spec.accessModes,
    };
  });
}

function selects(selector: Json, workloads: readonly KubeObject[]): string[] {
  return workloads
    .filter((w) => {
      const labels = rec(rec(templateOf(w)?.metadata).labels);
      const own = w.kind === 'Pod' ? rec(w.metadata?.labels) : labels;
      return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => own[k] === v);
    })
    .map((w) => String(w.metadata?.name))
    .sort();
}

/** The meaning of `objects` (workloads and Services by name). */
export function meaningOf(objects: readonly KubeObject[], options: Options = {}): Meaning {
  const workloads = objects.filter((o) => templateOf(o));
  const out: Meaning = { workloads: {}, services: {} };
  for (const w of workloads) {
    const spec = rec(templateOf(w)!.spec);
    out.workloads[String(w.metadata?.name)] = {
      replicas: w.kind === 'Pod' ? 1 : (rec((w as unknown as Json).spec).replicas ?? 1),
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? null,
      containers: list(spec.containers).map((c) => container(c, options)),
      claims: claims(w),
    };
  }
  for (const s of objects.filter((o) => o.kind === 'Service')) {
    const spec = rec((s as unknown as Json).spec);
    out.services[String(s.metadata?.name)] = {
      type: spec.clusterIP === 'None' ? 'Headless' : String(spec.type ?? 'ClusterIP'),
      ports: list(spec.ports)
        .map((p) => Number(p.port))
        .sort((a, b) => a - b),
      selects: selects(rec(spec.selector), workloads),
    };
  }
  return out;
}

/** The repository of an image (no tag): an untagged upstream image matches any pinned tag of it. */
export function repositoryOf(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(0, colon) : image;
}
