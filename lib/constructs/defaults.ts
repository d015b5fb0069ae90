import type { Construct } from 'constructs';
import { z } from 'zod';
import type {
  Container, PodDisruptionBudgetSpec, PodSecurityContext, ResourceRequirements, RollingUpdateDeployment, SecurityContext,
} from '../k8s/generated/types.js';
import type { Policy } from '../validate/policies/policy.js';
import type { SecretDelivery } from './secret-delivery.js';
import { p, propsSchema } from './props.js';

/**
 * Defaults that constructs fall back to when a prop is not given. Three levels, each overriding
 * the one before, key by key: the library's (LIBRARY_DEFAULTS), the organisation's
 * (`new App({ defaults })`), and an application's (`new Chart(app, 'shop', { defaults })`).
 * A construct's own props win over all three. `null` (or `false`) at any level removes the
 * default: the field is then absent from the output.
 */
export interface Defaults {
  /** Container resources. */
  readonly resources?: ResourceRequirements | null;
  /** Container security context. */
  readonly securityContext?: SecurityContext | null | false;
  /** Pod security context. */
  readonly podSecurityContext?: PodSecurityContext | null | false;
  /** Container image pull policy (absent: Kubernetes decides from the tag). */
  readonly imagePullPolicy?: Container['imagePullPolicy'] | null;
  /** Replicas of a WebApp or Worker that is not autoscaled. */
  readonly replicas?: number;
  /** Rolling update of Deployments. */
  readonly rollingUpdate?: RollingUpdateDeployment | null;
  /** PodDisruptionBudget of a WebApp (null: none). */
  readonly disruptionBudget?: Pick<PodDisruptionBudgetSpec, 'maxUnavailable' | 'minAvailable'> | null | false;
  /** Whether pods mount a service account token. */
  readonly automountServiceAccountToken?: boolean | null;
  /** Labels added to every object made by a lading construct. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations added to every object made by a lading construct. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Policies checked at synth (see lib/validate/policies); null: none. */
  readonly policies?: readonly Policy[] | null;
  /** How Secrets reach the cluster: `'apply'` or `{ externalSecret: { store } }` (see SecretDelivery). */
  readonly secrets?: SecretDelivery;
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
  labels: p.labels.optional(),
  annotations: p.annotations.optional(),
  policies: z.array(z.object({ id: z.string() }).loose()).nullable().optional(),
  secrets: p.any,
});

export type ResolvedDefaults = { readonly [K in keyof Defaults]-?: Defaults[K] | undefined };

/** The library's defaults: secure and small, every one removable. */
export const LIBRARY_DEFAULTS: Defaults = {
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
  labels: {},
  annotations: {},
  policies: undefined, // resolved to POLICIES by synth when no level sets it
  secrets: 'apply',
};

/** Something that carries a level of defaults (App and Chart). */
export interface HasDefaults {
  readonly defaults?: Defaults;
}

/** The defaults in force for a construct: library ← App ← its Charts (outermost first). */
export function defaultsOf(scope: Construct): ResolvedDefaults {
  let out: Record<string, unknown> = { ...LIBRARY_DEFAULTS };
  for (const s of scope.node.scopes) {
    const level = (s as HasDefaults).defaults;
    if (level) out = { ...out, ...stripUndefined(level) };
  }
  return out as ResolvedDefaults;
}

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * A prop or its default: `undefined` takes the default, `null` and `false` remove the field.
 * (Plain `??` cannot be used: it would treat an explicit `null` as "use the default".)
 */
export function pick<T>(prop: T | null | false | undefined, fallback: T | null | false | undefined): T | undefined {
  const v = prop === undefined ? fallback : prop;
  return v === null || v === false || v === undefined ? undefined : v;
}
