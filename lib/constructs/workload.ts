import type { Construct } from 'constructs';
import { z } from 'zod';
import type { PodTemplateSpec } from '../k8s/generated/types.js';
import { ApiObject, type KubeObjectLike } from './api-object.js';
import { Chart } from './chart.js';
import { CONFIG_CHECKSUM_ANNOTATION, configChecksum } from './config-checksum.js';
import { LABELS } from './labels.js';
import { type PodProps, type PodSpecInput, buildPodSpec, imageVersion, podPropsShape } from './pod.js';
import { p, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';
import { PodIdentity } from './pod-identity.js';

export interface WorkloadProps extends ResourceProps, PodProps {
  /**
   * The pods' identity: a PodIdentity construct, or false for the namespace's "default".
   * @default - a ServiceAccount of the same name, made for this workload
   */
  readonly serviceAccount?: PodIdentity | false;
  /**
   * Whether the pods mount the account's token.
   * @default - true when the account has grants, else defaults.automountServiceAccountToken (false)
   */
  readonly automountServiceAccountToken?: boolean | null;
  /**
   * Whether a change to a Config the pods read (env, envFrom, a volume) rolls them: the pod
   * template carries a checksum of those Configs (`lading.dev/config-checksum`).
   * @default - defaults.restartOnConfigChange (true)
   */
  readonly restartOnConfigChange?: boolean;
}

export const workloadPropsShape = {
  ...resourcePropsShape,
  ...podPropsShape,
  serviceAccount: z.union([z.literal(false), z.instanceof(PodIdentity)]).optional(),
  automountServiceAccountToken: z.boolean().nullable().optional(),
  restartOnConfigChange: z.boolean().optional(),
};

export { p };

/** A construct that runs pods: its ServiceAccount and its pod template. */
export abstract class Workload extends Resource {
  /** The pods' ServiceAccount (undefined: the namespace's default). */
  readonly serviceAccount: PodIdentity | undefined;
  protected readonly props: WorkloadProps;

  protected constructor(scope: Construct, id: string, props: WorkloadProps, component: string, schema: z.ZodType) {
    super(scope, id, props, component, schema);
    this.props = props;
    this.serviceAccount =
      props.serviceAccount === false
        ? undefined
        : (props.serviceAccount ??
          new PodIdentity(this, 'ServiceAccount', {
            name: this.name,
            instance: this.identity.instance,
            component: this.identity.component,
            namespace: this.namespace,
            labels: props.labels,
          }));
  }

  /**
   * An object of this workload holding `template` (a Deployment, a Job...): at synth, the
   * template gets the checksum of the Configs its pods read, unless restartOnConfigChange is false.
   */
  podObject<T extends KubeObjectLike>(id: string, manifest: T, template: PodTemplateSpec): ApiObject<T> {
    const object = new ApiObject<T>(this, id, manifest);
    if (!(this.props.restartOnConfigChange ?? this.defaults.restartOnConfigChange)) return object;
    object.onSynth(() => {
      const checksum = template.spec && configChecksum(this, template.spec, this.namespace ?? Chart.of(this).namespace);
      if (!checksum) return;
      template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [CONFIG_CHECKSUM_ANNOTATION]: checksum } };
    });
    return object;
  }

  /** The pod template: the workload's labels (plus the version) and a pod spec from props and defaults. */
  podTemplate(input: Omit<PodSpecInput, 'containerName' | 'props' | 'defaults'> = {}): PodTemplateSpec {
    const version = this.props.version ?? imageVersion(this.props.image);
    const sa = this.serviceAccount;
    // A boolean default: false is a value here, not a removal (so no `pick`).
    const automount =
      this.props.automountServiceAccountToken === undefined
        ? sa?.hasGrants
          ? true
          : this.defaults.automountServiceAccountToken
        : this.props.automountServiceAccountToken;
    const annotations = this.props.podAnnotations && Object.keys(this.props.podAnnotations).length ? { ...this.props.podAnnotations } : undefined;
    return {
      metadata: { labels: { ...this.labels, ...(version ? { [LABELS.version]: version } : {}) }, annotations },
      spec: buildPodSpec({
        containerName: this.name,
        props: this.props,
        defaults: this.defaults,
        serviceAccountName: sa?.name,
        automountServiceAccountToken: automount ?? undefined,
        ...input,
      }),
    };
  }
}
