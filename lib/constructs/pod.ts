import { z } from 'zod';
import type {
  Affinity,
  Container,
  ContainerPort,
  EnvFromSource,
  Lifecycle,
  PodSecurityContext,
  PodSpec,
  ResourceRequirements,
  SecurityContext,
  Toleration,
  VolumeMount,
} from '../k8s/generated/types.js';
import type { Volume as VolumeObject } from '../k8s/generated/types.js';
import { type ResolvedDefaults, merged, pick } from './defaults.js';
import { type EnvValue, envVars } from './env.js';
import type { Probe } from './probe.js';
import type { Override } from './merge.js';
import { p } from './props.js';
import type { Mount, PodVolume } from './pod-volume.js';

/** Something whose keys can be loaded as env vars (a Config or a Secret). */
export interface EnvSource {
  readonly name: string;
  readonly object: { readonly manifest: { readonly kind: string } };
}

function isEnvSource(v: unknown): v is EnvSource {
  const kind = (v as { object?: { manifest?: { kind?: unknown } } } | null)?.object?.manifest?.kind;
  return typeof (v as { name?: unknown } | null)?.name === 'string' && typeof kind === 'string';
}

/** The props of a workload's main container and its pod. */
export interface PodProps {
  /** The container image, pinned (e.g. "ghcr.io/acme/shop-web:1.4.2"). */
  readonly image: string;
  /**
   * The entrypoint.
   * @default - the image's
   */
  readonly command?: readonly string[];
  /**
   * Arguments to the entrypoint.
   * @default - the image's
   */
  readonly args?: readonly string[];
  /**
   * Environment variables: literals, `config.key('x')`, `secret.key('y')`.
   * @default {}
   */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /**
   * Configs and Secrets whose every key becomes an env var.
   * @default []
   */
  readonly envFrom?: readonly EnvSource[];
  /**
   * Extra named container ports, `{ metrics: 9090 }`.
   * @default {}
   */
  readonly ports?: Readonly<Record<string, number>>;
  /**
   * Container resources, merged field by field over the default (null: none; `{ limits: { memory: null } }`: no memory limit).
   * @default - defaults.resources
   */
  readonly resources?: Override<ResourceRequirements> | null;
  /**
   * Container security context, merged field by field over the default: `{ runAsUser: 1000 }`
   * keeps the other defaults; `{ readOnlyRootFilesystem: null }` removes one; null or false: none.
   * @default - defaults.securityContext
   */
  readonly securityContext?: Override<SecurityContext> | null | false;
  /**
   * Pod security context, merged field by field over the default (null or false: none).
   * @default - defaults.podSecurityContext
   */
  readonly podSecurityContext?: Override<PodSecurityContext> | null | false;
  /**
   * The container's lifecycle hooks (`{ preStop: { exec: { command: [...] } } }`).
   * @default - none
   */
  readonly lifecycle?: Lifecycle;
  /**
   * Image pull policy.
   * @default - defaults.imagePullPolicy (absent: Kubernetes decides)
   */
  readonly imagePullPolicy?: Container['imagePullPolicy'] | null;
  /**
   * Readiness probe (`Probe.http('/healthz')`, `Probe.tcp()`, `Probe.exec([...])`; null: none).
   * @default - per construct (WebApp: TCP on the "http" port)
   */
  readonly readiness?: Probe | null;
  /**
   * Liveness probe.
   * @default - none
   */
  readonly liveness?: Probe | null;
  /**
   * Startup probe.
   * @default - none
   */
  readonly startup?: Probe | null;
  /**
   * Volumes mounted at paths: `{ '/etc/shop': PodVolume.fromConfig(settings) }`.
   * @default {}
   */
  readonly mounts?: Readonly<Record<string, Mount>>;
  /**
   * The `app.kubernetes.io/version` label of the pods (never in selectors).
   * @default - the image tag
   */
  readonly version?: string;
  /**
   * Extra pod annotations.
   * @default {}
   */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly tolerations?: readonly Toleration[];
  /** @default - none */
  readonly affinity?: Affinity;
  /**
   * Seconds the pod has to stop.
   * @default - Kubernetes' (30)
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * More containers of the pod (sidecars), as plain Container objects.
   * @default []
   */
  readonly sidecars?: readonly Container[];
  /**
   * Init containers, as plain Container objects.
   * @default []
   */
  readonly initContainers?: readonly Container[];
}

/** The zod shape of PodProps (raw Kubernetes fragments are checked by the schema at synth). */
export const podPropsShape = {
  image: p.image,
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  env: z
    .record(
      z.string().regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, { error: 'expected an environment variable name' }),
      z.union([z.string(), z.strictObject({ valueFrom: z.object({}).loose() })], { error: 'expected a string or a reference such as secret.key("password")' }),
    )
    .optional(),
  envFrom: z.array(z.custom<EnvSource>(isEnvSource, { error: 'expected a Config or Credentials construct' })).optional(),
  ports: z.record(z.string().max(15, { error: 'a port name has at most 15 characters' }), p.port).optional(),
  resources: p.any,
  securityContext: p.any,
  podSecurityContext: p.any,
  lifecycle: p.any,
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).nullable().optional(),
  readiness: p.any,
  liveness: p.any,
  startup: p.any,
  mounts: z.record(z.string().startsWith('/', { error: 'a mount path is absolute' }), p.any).optional(),
  version: z.string().optional(),
  podAnnotations: p.annotations.optional(),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  tolerations: z.array(p.any).optional(),
  affinity: p.any,
  terminationGracePeriodSeconds: p.count().optional(),
  sidecars: z.array(p.any).optional(),
  initContainers: z.array(p.any).optional(),
};

/** The tag of an image, for the version label (undefined for digests and untagged images). */
export function imageVersion(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  const tag = colon < 0 ? undefined : last.slice(colon + 1);
  return tag && /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(tag) ? tag : undefined;
}

function mountOf(path: string, m: Mount): { volume: PodVolume; mount: VolumeMount } {
  if ('volume' in m) return { volume: m.volume, mount: { name: m.volume.name, mountPath: path, subPath: m.subPath, readOnly: m.readOnly } };
  return { volume: m, mount: { name: m.name, mountPath: path } };
}

function envFromOf(s: EnvSource): EnvFromSource {
  return s.object.manifest.kind === 'Secret' ? { secretRef: { name: s.name } } : { configMapRef: { name: s.name } };
}

export interface PodSpecInput {
  readonly containerName: string;
  readonly props: PodProps;
  readonly defaults: ResolvedDefaults;
  /** Ports the construct itself declares (e.g. WebApp's "http"), before props.ports. */
  readonly ports?: readonly ContainerPort[];
  /** The readiness probe when props.readiness is undefined. */
  readonly readiness?: Probe;
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly restartPolicy?: PodSpec['restartPolicy'];
  /** Volumes the construct adds (e.g. none), before the mounts'. */
  readonly volumes?: readonly VolumeObject[];
}

/** The pod spec of a workload: one main container built from props and defaults, plus sidecars. */
export function buildPodSpec(input: PodSpecInput): PodSpec {
  const { props, defaults } = input;
  const ports: ContainerPort[] = [...(input.ports ?? []), ...Object.entries(props.ports ?? {}).map(([name, containerPort]) => ({ name, containerPort }))];
  const mounts = Object.entries(props.mounts ?? {}).map(([path, m]) => mountOf(path, m));
  const volumes = new Map<string, VolumeObject>();
  for (const v of input.volumes ?? []) volumes.set(v.name, v);
  for (const { volume } of mounts) volumes.set(volume.name, volume.toObject());
  const container: Container = {
    name: input.containerName,
    image: props.image,
    imagePullPolicy: pick(props.imagePullPolicy, defaults.imagePullPolicy),
    command: props.command && [...props.command],
    args: props.args && [...props.args],
    env: props.env && Object.keys(props.env).length ? envVars(props.env) : undefined,
    envFrom: props.envFrom?.length ? props.envFrom.map(envFromOf) : undefined,
    ports: ports.length ? ports : undefined,
    resources: merged<ResourceRequirements>(props.resources, defaults.resources),
    securityContext: merged<SecurityContext>(props.securityContext, defaults.securityContext),
    lifecycle: props.lifecycle,
    readinessProbe: pick(props.readiness, input.readiness),
    livenessProbe: pick(props.liveness, undefined),
    startupProbe: pick(props.startup, undefined),
    volumeMounts: mounts.length ? mounts.map((m) => m.mount) : undefined,
  };
  return {
    serviceAccountName: input.serviceAccountName,
    automountServiceAccountToken: input.automountServiceAccountToken,
    securityContext: merged<PodSecurityContext>(props.podSecurityContext, defaults.podSecurityContext),
    restartPolicy: input.restartPolicy,
    terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
    nodeSelector: props.nodeSelector && { ...props.nodeSelector },
    tolerations: props.tolerations && [...props.tolerations],
    affinity: props.affinity,
    initContainers: props.initContainers?.length ? [...props.initContainers] : undefined,
    containers: [container, ...(props.sidecars ?? [])],
    volumes: volumes.size ? [...volumes.values()] : undefined,
  };
}
