import type { Construct } from 'constructs';
import { z } from 'zod';
import type { PersistentVolumeClaim, Service, StatefulSet } from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import type { AccessMode } from './defaults.js';
import { Probe } from './probe.js';
import { propsSchema } from './props.js';
import { p, Workload, type WorkloadProps, workloadPropsShape } from './workload.js';

/** A volume claimed per pod (stable across restarts: pod N always gets claim N). */
export interface ClaimProps {
  /**
   * The claim's name (`metadata.name` of the claim template; pod N's claim is `<name>-<statefulset>-N`).
   * Give the existing name to take over a StatefulSet's claims.
   * @default "data" (then "data-1", "data-2"... in the order given)
   */
  readonly name?: string;
  /** Requested size, e.g. "1Gi". */
  readonly size: string;
  /**
   * The StorageClass.
   * @default - the cluster's default class
   */
  readonly storageClass?: string;
  /**
   * Access modes.
   * @default - defaults.claim.accessModes (["ReadWriteOnce"])
   */
  readonly accessModes?: readonly AccessMode[];
}

export interface StatefulServiceProps extends WorkloadProps {
  /** The port the container listens on (named by `portName`). */
  readonly port: number;
  /**
   * The name of the port (and of the Service port).
   * @default - defaults.statefulService.portName ("tcp")
   */
  readonly portName?: string;
  /**
   * Number of pods (each with a stable name: <name>-0, <name>-1...).
   * @default - defaults.statefulService.replicas (1)
   */
  readonly replicas?: number;
  /**
   * Volumes claimed per pod, by mount path: `{ '/data': { size: '1Gi' } }`.
   * @default {}
   */
  readonly storage?: Readonly<Record<string, ClaimProps>>;
}

/** The zod shape of ClaimProps but its name (shared with VolumeClaim). */
export const claimShape = {
  size: z.string().regex(/^[0-9.]+(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/, { error: 'expected a quantity such as "1Gi"' }),
  storageClass: z.string().optional(),
  accessModes: z
    .array(z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']))
    .min(1)
    .optional(),
};
const claim = propsSchema<ClaimProps>()({ ...claimShape, name: p.dnsLabel.optional() });
const schema = propsSchema<StatefulServiceProps>()({
  ...workloadPropsShape,
  port: p.port,
  portName: p.portName.optional(),
  replicas: p.count().optional(),
  storage: z.record(z.string().startsWith('/', { error: 'a mount path is absolute' }), claim).optional(),
}).refine(
  (s) => {
    const names = Object.values(s.storage ?? {})
      .map((c) => c.name)
      .filter((n) => n !== undefined);
    return new Set(names).size === names.length;
  },
  { error: 'two claims have the same name', path: ['storage'] },
);

/** A StatefulSet with a headless Service (stable DNS per pod) and volume claim templates. */
export class StatefulService extends Workload {
  readonly statefulSet: ApiObject<StatefulSet>;
  /** The headless Service that gives each pod its DNS name. */
  readonly service: ApiObject<Service>;

  constructor(scope: Construct, id: string, props: StatefulServiceProps) {
    super(scope, id, props, 'stateful', schema);
    const own = this.defaults.statefulService;
    const portName = props.portName ?? own.portName;
    const claims = Object.entries(props.storage ?? {}).map(([path, c], i) => ({ path, name: c.name ?? `data${i === 0 ? '' : `-${i}`}`, claim: c }));
    const template = this.podTemplate({ ports: [{ name: portName, containerPort: props.port }], readiness: Probe.tcp({ port: portName }) });
    const main = template.spec!.containers[0]!;
    main.volumeMounts = [...(main.volumeMounts ?? []), ...claims.map((c) => ({ name: c.name, mountPath: c.path }))];
    if (!main.volumeMounts.length) main.volumeMounts = undefined;
    this.service = new ApiObject<Service>(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: this.objectMeta(),
      spec: {
        clusterIP: 'None',
        selector: { ...this.selectorLabels },
        ports: [{ name: portName, port: props.port, targetPort: portName, protocol: 'TCP' }],
      },
    });
    this.statefulSet = this.podObject<StatefulSet>(
      'StatefulSet',
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: this.objectMeta(),
        spec: {
          serviceName: this.name,
          replicas: props.replicas ?? own.replicas,
          selector: { matchLabels: { ...this.selectorLabels } },
          template,
          volumeClaimTemplates: claims.length
            ? claims.map((c): PersistentVolumeClaim => ({
                apiVersion: 'v1',
                kind: 'PersistentVolumeClaim',
                metadata: { name: c.name, labels: { ...this.selectorLabels } },
                spec: {
                  accessModes: [...(c.claim.accessModes ?? this.defaults.claim.accessModes)],
                  storageClassName: c.claim.storageClass,
                  resources: { requests: { storage: c.claim.size } },
                },
              }))
            : undefined,
        },
      },
      template,
    );
  }
}
