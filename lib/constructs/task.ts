import type { Construct } from 'constructs';
import { z } from 'zod';
import type { Job, JobSpec } from '../k8s/generated/types.js';
import type { ApiObject } from './api-object.js';
import { type ResolvedDefaults, pick } from './defaults.js';
import { propsSchema } from './props.js';
import { p, Workload, type WorkloadProps, workloadPropsShape } from './workload.js';

export interface TaskProps extends WorkloadProps {
  /**
   * Retries before the Job fails.
   * @default - defaults.task.backoffLimit (3)
   */
  readonly backoffLimit?: number;
  /**
   * Seconds the Job may run.
   * @default - no limit
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Seconds a finished Job is kept (null: kept until deleted).
   * @default - defaults.task.ttlSecondsAfterFinished (86400, one day)
   */
  readonly ttlSecondsAfterFinished?: number | null;
  /**
   * Whether a failed container is restarted in place ("OnFailure") or a new pod is made ("Never").
   * @default - defaults.task.restartPolicy ("Never")
   */
  readonly restartPolicy?: 'Never' | 'OnFailure';
}

export const taskPropsShape = {
  ...workloadPropsShape,
  backoffLimit: p.count().optional(),
  activeDeadlineSeconds: p.count(1).optional(),
  ttlSecondsAfterFinished: p.count().nullable().optional(),
  restartPolicy: z.enum(['Never', 'OnFailure']).optional(),
};
const schema = propsSchema<TaskProps>()(taskPropsShape);

/** The Job spec shared by Task and CronTask. */
export function jobSpec(w: Workload, props: TaskProps, defaults: ResolvedDefaults['task']): JobSpec {
  return {
    backoffLimit: props.backoffLimit ?? defaults.backoffLimit,
    activeDeadlineSeconds: props.activeDeadlineSeconds,
    ttlSecondsAfterFinished: pick(props.ttlSecondsAfterFinished, defaults.ttlSecondsAfterFinished),
    template: w.podTemplate({ restartPolicy: props.restartPolicy ?? defaults.restartPolicy }),
  };
}

/** A run-to-completion process: a Job (a one-off migration, a backfill). */
export class Task extends Workload {
  readonly job: ApiObject<Job>;

  constructor(scope: Construct, id: string, props: TaskProps) {
    super(scope, id, props, 'task', schema);
    const spec = jobSpec(this, props, this.defaults.task);
    this.job = this.podObject<Job>('Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: this.objectMeta(), spec }, spec.template);
  }
}
