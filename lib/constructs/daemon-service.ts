import type { Construct } from 'constructs';
import type { DaemonSet } from '../k8s/generated/types.js';
import type { ApiObject } from './api-object.js';
import { propsSchema } from './props.js';
import { Workload, type WorkloadProps, workloadPropsShape } from './workload.js';

export type DaemonServiceProps = WorkloadProps;

const schema = propsSchema<DaemonServiceProps>()(workloadPropsShape);

/** One pod per node: a DaemonSet (log shippers, node agents). */
export class DaemonService extends Workload {
  readonly daemonSet: ApiObject<DaemonSet>;

  constructor(scope: Construct, id: string, props: DaemonServiceProps) {
    super(scope, id, props, 'daemon', schema);
    const template = this.podTemplate();
    this.daemonSet = this.podObject<DaemonSet>(
      'DaemonSet',
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: this.objectMeta(),
        spec: { selector: { matchLabels: { ...this.selectorLabels } }, template },
      },
      template,
    );
  }
}
