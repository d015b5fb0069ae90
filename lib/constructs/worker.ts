import type { Construct } from 'constructs';
import type { Deployment, RollingUpdateDeployment } from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import { pick } from './defaults.js';
import { propsSchema } from './props.js';
import { p, Workload, type WorkloadProps, workloadPropsShape } from './workload.js';

export interface WorkerProps extends WorkloadProps {
  /**
   * Number of pods.
   * @default - defaults.replicas (2)
   */
  readonly replicas?: number;
  /**
   * Rolling update parameters (null: Kubernetes' defaults).
   * @default - defaults.rollingUpdate ({ maxSurge: "25%", maxUnavailable: 0 })
   */
  readonly rollingUpdate?: RollingUpdateDeployment | null;
}

export const deploymentPropsShape = {
  ...workloadPropsShape,
  replicas: p.count().optional(),
  rollingUpdate: p.any,
};
const schema = propsSchema<WorkerProps>()(deploymentPropsShape);

/** A long-running process without a Service (a queue consumer): a Deployment and its ServiceAccount. */
export class Worker extends Workload {
  readonly deployment: ApiObject<Deployment>;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props, 'worker', schema);
    this.deployment = newDeployment(this, {
      replicas: props.replicas ?? this.defaults.replicas,
      rollingUpdate: pick(props.rollingUpdate, this.defaults.rollingUpdate),
      template: this.podTemplate(),
    });
  }
}

/** The Deployment of a Worker or WebApp; `replicas` undefined leaves the field out (autoscaled). */
export function newDeployment(
  w: Workload,
  spec: { replicas?: number; rollingUpdate?: RollingUpdateDeployment; template: NonNullable<Deployment['spec']>['template'] },
): ApiObject<Deployment> {
  return new ApiObject<Deployment>(w, 'Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: w.objectMeta(),
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: { ...w.selectorLabels } },
      strategy: spec.rollingUpdate ? { type: 'RollingUpdate', rollingUpdate: spec.rollingUpdate } : undefined,
      template: spec.template,
    },
  });
}
