// The public API of lading: what an app file imports (`import { Chart } from 'lading'`).
export { App, type AppProps } from './constructs/app.js';
export { Chart, type ChartProps } from './constructs/chart.js';
export { ApiObject } from './constructs/api-object.js';
export type { AppDefinition } from './synth/load-apps.js';
export type { KubeObject } from './manifest/object.js';
export type * from './k8s/generated/types.js';
// The raw kinds, also as a namespace (`k8s.Secret`), since some names are taken by constructs below.
export type * as k8s from './k8s/generated/types.js';

// Constructs (docs/constructs.md).
export { type Defaults, LIBRARY_DEFAULTS } from './constructs/defaults.js';
export type { Override } from './constructs/merge.js';
export { CONFIG_CHECKSUM_ANNOTATION } from './constructs/config-checksum.js';
export { LABELS } from './constructs/labels.js';
export { PropsError, checkProps, propsSchema } from './constructs/props.js';
export { type ResourceProps } from './constructs/resource.js';
export { type EnvReference, type EnvValue, fieldRef } from './constructs/env.js';
export { Probe } from './constructs/probe.js';
export { type Mount, PodVolume } from './constructs/pod-volume.js';
export { type PodProps } from './constructs/pod.js';
export { type WorkloadProps } from './constructs/workload.js';
export { WebApp, type WebAppProps, type AutoscaleProps, type IngressProps, type ServiceType } from './constructs/web-app.js';
export { Worker, type WorkerProps } from './constructs/worker.js';
export { Task, type TaskProps } from './constructs/task.js';
export { CronTask, type CronTaskProps } from './constructs/cron-task.js';
export { StatefulService, type StatefulServiceProps, type ClaimProps } from './constructs/stateful-service.js';
export { DaemonService, type DaemonServiceProps } from './constructs/daemon-service.js';
export { Config, type ConfigProps } from './constructs/config.js';
export { Credentials, type CredentialsProps } from './constructs/credentials.js';
export { type SecretSource, fromDotenv, fromEnv, fromFile, literal } from './constructs/secret-source.js';
export type { ExternalSecretDelivery, RemoteRef, SecretDelivery } from './constructs/secret-delivery.js';
export { AppNamespace, type AppNamespaceProps } from './constructs/app-namespace.js';
export { PodIdentity, type PodIdentityProps, type Grant } from './constructs/pod-identity.js';
export { TrafficPolicy, type TrafficPolicyProps, type Peer } from './constructs/traffic-policy.js';
export { VolumeClaim, type VolumeClaimProps } from './constructs/volume-claim.js';
export { VolumeClass, type VolumeClassProps } from './constructs/volume-class.js';
export { ExternalService, type ExternalServiceProps } from './constructs/external-service.js';
export { Include, type IncludeProps } from './constructs/include.js';
export { IncludeCdk8s, type IncludeCdk8sProps } from './constructs/include-cdk8s.js';
export { type Environments, defineEnvironments, environment } from './constructs/environment.js';
export { IMAGE_NEEDS, type ImageNeeds, POLICIES, type Policy, SKIP_POLICIES_ANNOTATION, imageNeedsPolicyOf } from './validate/policies/index.js';
