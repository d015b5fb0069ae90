import type { EnvVar, EnvVarSource } from '../k8s/generated/types.js';

/** A value that comes from somewhere else: a Secret's key, a Config's key, a field of the pod. */
export interface EnvReference {
  readonly valueFrom: EnvVarSource;
}

/** An environment variable's value: a literal string or a reference (`secret.key('password')`). */
export type EnvValue = string | EnvReference;

/** References to the pod's own fields (the downward API). */
export const fieldRef = {
  podName: (): EnvReference => ({ valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }),
  podNamespace: (): EnvReference => ({ valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }),
  podIp: (): EnvReference => ({ valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }),
  nodeName: (): EnvReference => ({ valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }),
};

/** `{ NAME: value }` as a container's env list, in the order given. */
export function envVars(env: Readonly<Record<string, EnvValue>>): EnvVar[] {
  return Object.entries(env).map(([name, v]) => (typeof v === 'string' ? { name, value: v } : { name, valueFrom: v.valueFrom }));
}
