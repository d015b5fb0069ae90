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
export { LABELS } from './constructs/labels.js';
export { PropsError, checkProps, propsSchema } from './constructs/props.js';
export { type ResourceProps } from './constructs/resource.js';
export { type EnvReference, type EnvValue, fieldRef } from './constructs/env.js';
export { Probe } from './constructs/probe.js';
export { type Mount, Volume } from './constructs/volume.js';
export { type PodProps } from './constructs/pod.js';
export { type WorkloadProps } from './constructs/workload.js';
export { WebApp, type WebAppProps, type AutoscaleProps, type IngressProps, type ServiceType } from './constructs/web-app.js';
export { Worker, type WorkerProps } from './constructs/worker.js';
export { Task, type TaskProps } from './constructs/task.js';
export { CronTask, type CronTaskProps } from './constructs/cron-task.js';
export { StatefulService, type StatefulServiceProps, type ClaimProps } from './constructs/stateful-service.js';
export { DaemonService, type DaemonServiceProps } from './constructs/daemon-service.js';
export { Config, type ConfigProps } from './constructs/config.js';
export { Secret, type SecretProps } from './constructs/secret.js';
export { type SecretSource, fromDotenv, fromEnv, fromFile, literal } from './constructs/secret-source.js';
export type { ExternalSecretDelivery, RemoteRef, SecretDelivery } from './constructs/secret-delivery.js';
export { Namespace, type NamespaceProps } from './constructs/namespace.js';
export { ServiceAccount, type ServiceAccountProps, type Grant } from './constructs/service-account.js';
export { NetworkPolicy, type NetworkPolicyProps, type Peer } from './constructs/network-policy.js';
export { PersistentVolumeClaim, type PersistentVolumeClaimProps } from './constructs/persistent-volume-claim.js';
export { ExternalService, type ExternalServiceProps } from './constructs/external-service.js';
export { Include, type IncludeProps } from './constructs/include.js';
export { IncludeCdk8s, type IncludeCdk8sProps } from './constructs/include-cdk8s.js';
export { type Environments, defineEnvironments, environment } from './constructs/environment.js';
export { POLICIES, type Policy, SKIP_POLICIES_ANNOTATION } from './validate/policies/index.js';

// Extension points: a project's lading.config.ts, the rule tables it changes, and test helpers.
export { type LadingConfig, type TableChange, defineConfig } from './config/define-config.js';
export { LIBRARY_RULES, type RuleTables } from './config/rule-tables.js';
export { CONFIG_FILES, findConfigFile, loadConfig, projectRules } from './config/load-config.js';
export { ConfigError, resolveConfig } from './config/resolve-config.js';
export { conditionReadiness } from './config/condition-readiness.js';
export { WAVES, type Wave } from './synth/kind-order.js';
export { READINESS_RULES, type Readiness, type ReadinessRule, type RelatedQuery, condition } from './apply/readiness.js';
export { EXPECTED_CO_OWNERS, type CoOwnerRule } from './plan/drift.js';
export { NORMALIZE_STEPS, type NormalizeContext, type NormalizeStep } from './plan/normalize.js';
export type { ObjectRule, RuleIssue, Severity } from './validate/rule.js';
export { Testing, TestingSynthError, type TestingSynthOptions } from './testing/testing.js';
export type { SynthResult, SynthesizedObject } from './synth/synthesize.js';
