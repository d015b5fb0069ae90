import type { Construct } from 'constructs';
import { z } from 'zod';
import type {
  Container,
  PodDisruptionBudgetSpec,
  PodSecurityContext,
  ResourceRequirements,
  RollingUpdateDeployment,
  SecurityContext,
} from '../k8s/generated/types.js';
import type { Policy } from '../validate/policies/policy.js';
import type { SecretDelivery } from './secret-delivery.js';
import { type Override, mergeDefaults } from './merge.js';
import { p, propsSchema } from './props.js';

/**
 * Defaults that constructs fall back to when a prop is not given. Levels, each over the one
 * before: the library's (LIBRARY_DEFAULTS), the organisation's (`new App({ defaults })`), and an
 * application's (`new Chart(app, 'shop', { defaults })`); a construct's own props come last.
 * Levels and props merge field by field at every depth (`securityContext: { runAsUser: 1000 }`
 * keeps every other field of the default); arrays and scalars replace. Removing is explicit:
 * `null` removes a field at any depth (`securityContext: { readOnlyRootFilesystem: null }`), and
 * `null` or `false` on a whole security context or disruption budget removes all of it.
 */
export interface Defaults {
  /** Container resources. */
  readonly resources?: Override<ResourceRequirements> | null;
  /** Container security context. */
  readonly securityContext?: Override<SecurityContext> | null | false;
  /** Pod security context. */
  readonly podSecurityContext?: Override<PodSecurityContext> | null | false;
  /** Container image pull policy (absent: Kubernetes decides from the tag). */
  readonly imagePullPolicy?: Container['imagePullPolicy'] | null;
  /** Replicas of a WebApp or Worker that is not autoscaled. */
  readonly replicas?: number;
  /** Rolling update of Deployments. */
  readonly rollingUpdate?: Override<RollingUpdateDeployment> | null;
  /** PodDisruptionBudget of a WebApp (null: none). */
  readonly disruptionBudget?: Pick<PodDisruptionBudgetSpec, 'maxUnavailable' | 'minAvailable'> | null | false;
  /** Whether pods mount a service account token. */
  readonly automountServiceAccountToken?: boolean | null;
  /** Whether a change to a Config that pods read (env, envFrom, volume) rolls them (a checksum annotation on the pod template). */
  readonly restartOnConfigChange?: boolean;
  /** Labels added to every object made by a lading construct. */
  readonly labels?: Readonly<Record<string, string | null>>;
  /** Annotations added to every object made by a lading construct. */
  readonly annotations?: Readonly<Record<string, string | null>>;
  /** Policies checked at synth (see lib/validate/policies); null: none. */
  readonly policies?: readonly Policy[] | null;
  /** How Secrets reach the cluster: `'apply'` or `{ externalSecret: { store } }` (see SecretDelivery). */
  readonly secrets?: SecretDelivery;
  /** WebApp: its Service port, its container port's name, its autoscaler. */
  readonly webApp?: WebAppDefaults;
  /** StatefulService: replicas and port name. */
  readonly statefulService?: StatefulServiceDefaults;
  /** Task and CronTask: the Job spec. */
  readonly task?: TaskDefaults;
  /** CronTask: the CronJob spec. */
  readonly cronTask?: CronTaskDefaults;
  /** Credentials delivered by an ExternalSecret. */
  readonly externalSecret?: ExternalSecretDefaults;
  /** Claims (VolumeClaim, StatefulService storage). */
  readonly claim?: ClaimDefaults;
}

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export interface WebAppDefaults {
  readonly servicePort?: number;
  readonly portName?: string;
  /** `min` and `cpuPercent` of `autoscale` (cpuPercent applies when no other metric is given; null: none). */
  readonly autoscale?: { readonly min?: number; readonly cpuPercent?: number | null };
}
export interface StatefulServiceDefaults {
  readonly replicas?: number;
  readonly portName?: string;
}
export interface TaskDefaults {
  readonly backoffLimit?: number;
  /** null: finished Jobs are kept. */
  readonly ttlSecondsAfterFinished?: number | null;
  readonly restartPolicy?: 'Never' | 'OnFailure';
}
export interface CronTaskDefaults {
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
}
export interface ExternalSecretDefaults {
  readonly refreshInterval?: string;
  readonly storeKind?: 'SecretStore' | 'ClusterSecretStore';
}
export interface ClaimDefaults {
  readonly accessModes?: readonly AccessMode[];
}

/** A level of defaults is checked like props: unknown keys are errors; raw fragments are checked at synth. */
export const defaultsSchema = propsSchema<Defaults>()({
  resources: p.any,
  securityContext: p.any,
  podSecurityContext: p.any,
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).nullable().optional(),
  replicas: p.count().optional(),
  rollingUpdate: p.any,
  disruptionBudget: p.any,
  automountServiceAccountToken: z.boolean().nullable().optional(),
  restartOnConfigChange: z.boolean().optional(),
  labels: p.defaultLabels.optional(),
  annotations: p.defaultAnnotations.optional(),
  policies: z
    .array(
      z.custom<Policy>((v) => typeof (v as Policy | null)?.id === 'string' && typeof (v as Policy).check === 'function', {
        error: 'expected a policy: { id, severity, description, check }',
      }),
    )
    .nullable()
    .optional(),
  secrets: p.any,
  webApp: propsSchema<WebAppDefaults>()({
    servicePort: p.port.optional(),
    portName: p.portName.optional(),
    autoscale: z.strictObject({ min: p.count(1).optional(), cpuPercent: p.range(1, 1000).nullable().optional() }).optional(),
  }).optional(),
  statefulService: propsSchema<StatefulServiceDefaults>()({ replicas: p.count().optional(), portName: p.portName.optional() }).optional(),
  task: propsSchema<TaskDefaults>()({
    backoffLimit: p.count().optional(),
    ttlSecondsAfterFinished: p.count().nullable().optional(),
    restartPolicy: z.enum(['Never', 'OnFailure']).optional(),
  }).optional(),
  cronTask: propsSchema<CronTaskDefaults>()({ concurrencyPolicy: z.enum(['Allow', 'Forbid', 'Replace']).optional() }).optional(),
  externalSecret: propsSchema<ExternalSecretDefaults>()({
    refreshInterval: z.string().optional(),
    storeKind: z.enum(['SecretStore', 'ClusterSecretStore']).optional(),
  }).optional(),
  claim: propsSchema<ClaimDefaults>()({ accessModes: z.array(z.enum(ACCESS_MODES)).min(1).optional() }).optional(),
});

/** The library's defaults: secure and small, every one removable. Every value a construct falls back to is here. */
export const LIBRARY_DEFAULTS = {
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  securityContext: {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  },
  podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' } },
  imagePullPolicy: null,
  replicas: 2,
  rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
  disruptionBudget: { maxUnavailable: 1 },
  automountServiceAccountToken: false,
  restartOnConfigChange: true,
  labels: {},
  annotations: {},
  policies: undefined, // resolved to POLICIES by synth when no level sets it
  secrets: 'apply',
  webApp: { servicePort: 80, portName: 'http', autoscale: { min: 2, cpuPercent: 80 } },
  statefulService: { replicas: 1, portName: 'tcp' },
  task: { backoffLimit: 3, ttlSecondsAfterFinished: 86400, restartPolicy: 'Never' },
  cronTask: { concurrencyPolicy: 'Forbid' },
  externalSecret: { refreshInterval: '1h', storeKind: 'SecretStore' },
  claim: { accessModes: ['ReadWriteOnce'] },
} as const satisfies Defaults;

/** Every level merged: what a construct reads (the groups are always there, set by the library). */
export type ResolvedDefaults = { readonly [K in Exclude<keyof Defaults, 'labels' | 'annotations'>]-?: Defaults[K] | undefined } & {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
} & {
  readonly [K in 'webApp' | 'statefulService' | 'task' | 'cronTask' | 'externalSecret' | 'claim']-?: Required<NonNullable<Defaults[K]>>;
} & { readonly webApp: { readonly autoscale: { readonly min: number; readonly cpuPercent: number | undefined } } };

/** Something that carries a level of defaults (App and Chart). */
export interface HasDefaults {
  readonly defaults?: Defaults;
}

/** The defaults in force for a construct: library ← App ← its Charts (outermost first). */
export function defaultsOf(scope: Construct): ResolvedDefaults {
  const out: Record<string, unknown> = { ...LIBRARY_DEFAULTS };
  for (const s of scope.node.scopes) {
    const level = (s as HasDefaults).defaults;
    for (const [key, v] of Object.entries(level ?? {})) {
      // A top-level null is kept (not deleted), so that `pick` tells "removed" from "not given".
      if (v !== undefined) out[key] = v === null ? null : mergeDefaults(out[key] ?? undefined, v);
    }
  }
  return out as unknown as ResolvedDefaults;
}

/**
 * A prop or its default: `undefined` takes the default, `null` and `false` remove the field.
 * (Plain `??` cannot be used: it would treat an explicit `null` as "use the default".)
 */
export function pick<T>(prop: T | null | false | undefined, fallback: T | null | false | undefined): T | undefined {
  const v = prop === undefined ? fallback : prop;
  return v === null || v === false || v === undefined ? undefined : v;
}

/**
 * An object prop over its default, field by field (see `mergeDefaults`): `undefined` takes the
 * default, `null`/`false` removes the whole field, `{ field: null }` removes one field of it.
 */
export function merged<T extends object>(prop: Override<T> | null | false | undefined, fallback: Override<T> | null | false | undefined): T | undefined {
  if (prop === null || prop === false) return undefined;
  const base = fallback === null || fallback === false ? undefined : fallback;
  return mergeDefaults(base, prop) as T | undefined;
}
