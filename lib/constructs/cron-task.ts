import type { Construct } from 'constructs';
import { z } from 'zod';
import type { CronJob } from '../k8s/generated/types.js';
import type { ApiObject } from './api-object.js';
import { type TaskProps, jobSpec, taskPropsShape } from './task.js';
import { propsSchema } from './props.js';
import { p, Workload } from './workload.js';

export interface CronTaskProps extends TaskProps {
  /** When to run, in cron syntax ("0 3 * * *": every night at 03:00). */
  readonly schedule: string;
  /**
   * The time zone of the schedule (IANA name).
   * @default - the controller's (usually UTC)
   */
  readonly timeZone?: string;
  /**
   * What to do when the previous run is still going.
   * @default - defaults.cronTask.concurrencyPolicy ("Forbid")
   */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /**
   * Seconds after the scheduled time a missed run may still start.
   * @default - none
   */
  readonly startingDeadlineSeconds?: number;
  /**
   * Successful and failed Jobs kept.
   * @default - Kubernetes' (3 and 1)
   */
  readonly historyLimit?: { readonly successful?: number; readonly failed?: number };
}

const schema = propsSchema<CronTaskProps>()({
  ...taskPropsShape,
  schedule: z.string().min(1),
  timeZone: z.string().optional(),
  concurrencyPolicy: z.enum(['Allow', 'Forbid', 'Replace']).optional(),
  startingDeadlineSeconds: p.count().optional(),
  historyLimit: z.strictObject({ successful: p.count().optional(), failed: p.count().optional() }).optional(),
});

/** A scheduled process: a CronJob (a nightly report). The schedule is checked at synth. */
export class CronTask extends Workload {
  readonly cronJob: ApiObject<CronJob>;

  constructor(scope: Construct, id: string, props: CronTaskProps) {
    super(scope, id, props, 'cron-task', schema);
    const spec = jobSpec(this, props, this.defaults.task);
    this.cronJob = this.podObject<CronJob>(
      'CronJob',
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: this.objectMeta(),
        spec: {
          schedule: props.schedule,
          timeZone: props.timeZone,
          concurrencyPolicy: props.concurrencyPolicy ?? this.defaults.cronTask.concurrencyPolicy,
          startingDeadlineSeconds: props.startingDeadlineSeconds,
          successfulJobsHistoryLimit: props.historyLimit?.successful,
          failedJobsHistoryLimit: props.historyLimit?.failed,
          jobTemplate: { metadata: { labels: { ...this.labels } }, spec },
        },
      },
      spec.template,
    );
  }
}
