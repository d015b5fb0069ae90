// Allowed values of string fields that the API server checks but the OpenAPI v2 definitions do
// not list (they only carry `enum` on a kind's `kind`). Keyed by definition, then property; for
// a list of strings the values apply to each item. The normaliser merges this table through an
// overlay (model/overlay.ts). For 1.36 the enums of the committed /openapi/v3 documents
// (lib/k8s/openapi/v3/) come first and this table fills in the fields they lack; the versions
// without v3 documents use this table alone.

type EnumTable = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

const PROTOCOL = ['TCP', 'UDP', 'SCTP'];
const PULL_POLICY = ['Always', 'IfNotPresent', 'Never'];
const RESTART_POLICY = ['Always', 'OnFailure', 'Never'];
const TRAFFIC_POLICY = ['Cluster', 'Local'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const VOLUME_MODE = ['Block', 'Filesystem'];
const TAINT_EFFECT = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const SELECTOR_OPERATOR = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const PROFILE_TYPE = ['Unconfined', 'RuntimeDefault', 'Localhost'];
const UPDATE_STRATEGY = ['RollingUpdate', 'OnDelete'];
const METRIC_SOURCE = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const FAILURE_POLICY = ['Ignore', 'Fail'];
const MATCH_POLICY = ['Exact', 'Equivalent'];
const QUOTA_SCOPE = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'];

const container = {
  imagePullPolicy: PULL_POLICY,
  terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
  restartPolicy: RESTART_POLICY,
};

export const FIELD_ENUMS: EnumTable = {
  // core/v1: pods and containers
  'io.k8s.api.core.v1.Container': container,
  'io.k8s.api.core.v1.EphemeralContainer': container,
  'io.k8s.api.core.v1.ContainerPort': { protocol: PROTOCOL },
  'io.k8s.api.core.v1.ContainerResizePolicy': { restartPolicy: ['NotRequired', 'RestartContainer'] },
  'io.k8s.api.core.v1.PodSpec': {
    restartPolicy: RESTART_POLICY,
    dnsPolicy: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  'io.k8s.api.core.v1.PodOS': { name: ['linux', 'windows'] },
  'io.k8s.api.core.v1.PodSecurityContext': {
    fsGroupChangePolicy: ['OnRootMismatch', 'Always'],
    seLinuxChangePolicy: ['MountOption', 'Recursive'],
    supplementalGroupsPolicy: ['Merge', 'Strict'],
  },
  'io.k8s.api.core.v1.SecurityContext': { procMount: ['Default', 'Unmasked'] },
  'io.k8s.api.core.v1.SeccompProfile': { type: PROFILE_TYPE },
  'io.k8s.api.core.v1.AppArmorProfile': { type: PROFILE_TYPE },
  'io.k8s.api.core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'io.k8s.api.core.v1.VolumeMount': {
    mountPropagation: ['None', 'HostToContainer', 'Bidirectional'],
    recursiveReadOnly: ['Disabled', 'IfPossible', 'Enabled'],
  },
  'io.k8s.api.core.v1.HostPathVolumeSource': {
    type: ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'],
  },
  'io.k8s.api.core.v1.Toleration': { operator: ['Exists', 'Equal'], effect: TAINT_EFFECT },
  'io.k8s.api.core.v1.Taint': { effect: TAINT_EFFECT },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: [...SELECTOR_OPERATOR, 'Gt', 'Lt'] },
  'io.k8s.api.core.v1.TopologySpreadConstraint': {
    whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'],
    nodeAffinityPolicy: ['Honor', 'Ignore'],
    nodeTaintsPolicy: ['Honor', 'Ignore'],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { operator: SELECTOR_OPERATOR },
  // core/v1: services and endpoints
  'io.k8s.api.core.v1.ServiceSpec': {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    externalTrafficPolicy: TRAFFIC_POLICY,
    internalTrafficPolicy: TRAFFIC_POLICY,
    sessionAffinity: ['ClientIP', 'None'],
    ipFamilyPolicy: ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
    ipFamilies: ['IPv4', 'IPv6'],
  },
  'io.k8s.api.core.v1.ServicePort': { protocol: PROTOCOL },
  'io.k8s.api.core.v1.EndpointPort': { protocol: PROTOCOL },
  'io.k8s.api.discovery.v1.EndpointPort': { protocol: PROTOCOL },
  'io.k8s.api.discovery.v1.EndpointSlice': { addressType: ['IPv4', 'IPv6', 'FQDN'] },
  // core/v1: storage, quota
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { accessModes: ACCESS_MODES, volumeMode: VOLUME_MODE },
  'io.k8s.api.core.v1.PersistentVolumeSpec': {
    accessModes: ACCESS_MODES,
    volumeMode: VOLUME_MODE,
    persistentVolumeReclaimPolicy: ['Retain', 'Delete', 'Recycle'],
  },
  'io.k8s.api.core.v1.LimitRangeItem': { type: ['Pod', 'Container', 'PersistentVolumeClaim'] },
  'io.k8s.api.core.v1.ResourceQuotaSpec': { scopes: QUOTA_SCOPE },
  'io.k8s.api.core.v1.ScopedResourceSelectorRequirement': { operator: SELECTOR_OPERATOR, scopeName: QUOTA_SCOPE },
  // apps/v1
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: UPDATE_STRATEGY },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: UPDATE_STRATEGY },
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy': {
    whenDeleted: ['Retain', 'Delete'],
    whenScaled: ['Retain', 'Delete'],
  },
  // batch/v1
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.batch.v1.JobSpec': {
    completionMode: ['NonIndexed', 'Indexed'],
    podReplacementPolicy: ['TerminatingOrFailed', 'Failed'],
  },
  'io.k8s.api.batch.v1.PodFailurePolicyRule': { action: ['FailJob', 'FailIndex', 'Ignore', 'Count'] },
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': { operator: ['In', 'NotIn'] },
  'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern': { status: ['True', 'False', 'Unknown'] },
  // autoscaling/v2
  'io.k8s.api.autoscaling.v2.MetricSpec': { type: METRIC_SOURCE },
  'io.k8s.api.autoscaling.v2.MetricStatus': { type: METRIC_SOURCE },
  'io.k8s.api.autoscaling.v2.MetricTarget': { type: ['AverageValue', 'Utilization', 'Value'] },
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy': { type: ['Pods', 'Percent'] },
  'io.k8s.api.autoscaling.v2.HPAScalingRules': { selectPolicy: ['Max', 'Min', 'Disabled'] },
  // networking/v1, policy/v1
  'io.k8s.api.networking.v1.HTTPIngressPath': { pathType: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { policyTypes: ['Ingress', 'Egress'] },
  'io.k8s.api.networking.v1.NetworkPolicyPort': { protocol: PROTOCOL },
  'io.k8s.api.networking.v1.IngressClassParametersReference': { scope: ['Cluster', 'Namespace'] },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: ['IfHealthyBudget', 'AlwaysAllow'] },
  // admissionregistration/v1, apiextensions/v1
  'io.k8s.api.admissionregistration.v1.ValidatingWebhook': {
    failurePolicy: FAILURE_POLICY,
    matchPolicy: MATCH_POLICY,
    sideEffects: ['None', 'NoneOnDryRun'],
  },
  'io.k8s.api.admissionregistration.v1.MutatingWebhook': {
    failurePolicy: FAILURE_POLICY,
    matchPolicy: MATCH_POLICY,
    sideEffects: ['None', 'NoneOnDryRun'],
    reinvocationPolicy: ['Never', 'IfNeeded'],
  },
  'io.k8s.api.admissionregistration.v1.RuleWithOperations': {
    operations: ['*', 'CREATE', 'UPDATE', 'DELETE', 'CONNECT'],
    scope: ['*', 'Cluster', 'Namespaced'],
  },
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicySpec': { failurePolicy: FAILURE_POLICY },
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec': {
    validationActions: ['Deny', 'Warn', 'Audit'],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec': {
    scope: ['Cluster', 'Namespaced'],
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceConversion': {
    strategy: ['None', 'Webhook'],
  },
  // storage/v1
  'io.k8s.api.storage.v1.StorageClass': {
    reclaimPolicy: ['Delete', 'Retain', 'Recycle'],
    volumeBindingMode: ['Immediate', 'WaitForFirstConsumer'],
  },
  'io.k8s.api.storage.v1.CSIDriverSpec': {
    fsGroupPolicy: ['ReadWriteOnceWithFSType', 'File', 'None'],
    volumeLifecycleModes: ['Persistent', 'Ephemeral'],
  },
};
