import type { FieldPath } from '../manifest/source.js';

/** Where each workload kind keeps its pod template, and what the API server allows there. */
export interface WorkloadShape {
  /** Path to the pod template (an object with metadata and spec). Pod itself: the object. */
  readonly template: FieldPath;
  /** Path to the label selector that must match the template's labels, if the kind has one. */
  readonly selector?: FieldPath;
  readonly restartPolicies: readonly string[];
}

export const WORKLOADS: Readonly<Record<string, WorkloadShape>> = {
  Deployment: { template: ['spec', 'template'], selector: ['spec', 'selector'], restartPolicies: ['Always'] },
  ReplicaSet: { template: ['spec', 'template'], selector: ['spec', 'selector'], restartPolicies: ['Always'] },
  StatefulSet: { template: ['spec', 'template'], selector: ['spec', 'selector'], restartPolicies: ['Always'] },
  DaemonSet: { template: ['spec', 'template'], selector: ['spec', 'selector'], restartPolicies: ['Always'] },
  ReplicationController: { template: ['spec', 'template'], restartPolicies: ['Always'] },
  Job: { template: ['spec', 'template'], restartPolicies: ['OnFailure', 'Never'] },
  CronJob: { template: ['spec', 'jobTemplate', 'spec', 'template'], restartPolicies: ['OnFailure', 'Never'] },
  Pod: { template: [], restartPolicies: ['Always', 'OnFailure', 'Never'] },
};

/** The path of the pod spec inside an object of `kind`, or undefined for a non-workload. */
export function podSpecPath(kind: string): FieldPath | undefined {
  const shape = WORKLOADS[kind];
  return shape ? [...shape.template, 'spec'] : undefined;
}
