import type { Construct } from 'constructs';
import { z } from 'zod';
import type { Deployment, DeploymentStrategy, RollingUpdateDeployment } from '../k8s/generated/types.js';
import type { ApiObject } from './api-object.js';
import { type ResolvedDefaults, merged } from './defaults.js';
import type { Override } from './merge.js';
import { propsSchema } from './props.js';
import { p, Workload, type WorkloadProps, workloadPropsShape } from './workload.js';

export interface WorkerProps extends WorkloadProps {
  /**
   * Number of pods.
   * @default - defaults.replicas (2)
   */
  readonly replicas?: number;
  /**
   * How pods are replaced: `{ type: 'Recreate' }` stops every old pod before starting new ones
   * (needed when pods share a ReadWriteOnce volume); `{ type: 'RollingUpdate' }` replaces them
   * gradually, with `rollingUpdate`.
   * @default { type: "RollingUpdate" }
   */
  readonly strategy?: { readonly type: 'Recreate' | 'RollingUpdate' };
  /**
   * Rolling update parameters, merged over the default field by field (null: Kubernetes' defaults).
   * @default - defaults.rollingUpdate ({ maxSurge: "25%", maxUnavailable: 0 })
   */
  readonly rollingUpdate?: Override<RollingUpdateDeployment> | null;
}

export const deploymentPropsShape = {
  ...workloadPropsShape,
  replicas: p.count().optional(),
  strategy: z.strictObject({ type: z.enum(['Recreate', 'RollingUpdate']) }).optional(),
  rollingUpdate: p.any,
};
const schema = propsSchema<WorkerProps>()(deploymentPropsShape).refine((w) => !(w.strategy?.type === 'Recreate' && w.rollingUpdate), {
  error: 'rollingUpdate cannot be set with strategy Recreate',
  path: ['rollingUpdate'],
});

/** A long-running process without a Service (a queue consumer): a Deployment and its PodIdentity. */
export class Worker extends Workload {
  readonly deployment: ApiObject<Deployment>;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props, 'worker', schema);
    this.deployment = newDeployment(this, {
      replicas: props.replicas ?? this.defaults.replicas,
      strategy: deploymentStrategy(props, this.defaults),
      template: this.podTemplate(),
    });
  }
}

/** The Deployment strategy of a Worker or WebApp: Recreate, or a rolling update over the defaults. */
export function deploymentStrategy(props: WorkerProps, defaults: ResolvedDefaults): DeploymentStrategy | undefined {
  if (props.strategy?.type === 'Recreate') return { type: 'Recreate' };
  const rollingUpdate = merged<RollingUpdateDeployment>(props.rollingUpdate, defaults.rollingUpdate);
  return rollingUpdate ? { type: 'RollingUpdate', rollingUpdate } : props.strategy && { type: 'RollingUpdate' };
}

/** The Deployment of a Worker or WebApp; `replicas` undefined leaves the field out (autoscaled). */
export function newDeployment(
  w: Workload,
  spec: { replicas?: number; strategy?: DeploymentStrategy; template: NonNullable<Deployment['spec']>['template'] },
): ApiObject<Deployment> {
  return w.podObject<Deployment>(
    'Deployment',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: w.objectMeta(),
      spec: {
        replicas: spec.replicas,
        selector: { matchLabels: { ...w.selectorLabels } },
        strategy: spec.strategy,
        template: spec.template,
      },
    },
    spec.template,
  );
}
