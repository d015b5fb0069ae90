import type { Construct } from 'constructs';
import { z } from 'zod';
import type { StorageClass as StorageClassObject } from '../k8s/generated/types.js';
import type { ApiObject } from './api-object.js';
import { propsSchema, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';

export interface VolumeClassProps extends Omit<ResourceProps, 'namespace'> {
  /** The volume plugin or CSI driver that provisions volumes, e.g. "ebs.csi.aws.com". */
  readonly provisioner: string;
  /**
   * Settings passed to the provisioner (its own keys, e.g. `{ type: 'gp3' }`).
   * @default {}
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * What happens to a volume when its claim is deleted.
   * @default - Kubernetes' ("Delete")
   */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  /**
   * When volumes are provisioned and bound: at once, or when a pod first uses the claim.
   * @default - Kubernetes' ("Immediate")
   */
  readonly volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  /**
   * Whether claims of this class may grow.
   * @default - Kubernetes' (false)
   */
  readonly allowVolumeExpansion?: boolean;
  /**
   * Mount options of the volumes.
   * @default - none
   */
  readonly mountOptions?: readonly string[];
  /**
   * Whether claims that name no class get this one (the `storageclass.kubernetes.io/is-default-class` annotation).
   * @default false
   */
  readonly isDefault?: boolean;
}

const { namespace: _namespace, ...shape } = resourcePropsShape;
const schema = propsSchema<VolumeClassProps>()({
  ...shape,
  provisioner: z.string().min(1, { error: 'expected a provisioner such as "ebs.csi.aws.com"' }),
  parameters: z.record(z.string(), z.string()).optional(),
  reclaimPolicy: z.enum(['Delete', 'Retain']).optional(),
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).optional(),
  allowVolumeExpansion: z.boolean().optional(),
  mountOptions: z.array(z.string()).optional(),
  isDefault: z.boolean().optional(),
});

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

/** A StorageClass (cluster-scoped; named so as not to shadow the kind): what claims name in `storageClass`. */
export class VolumeClass extends Resource {
  readonly object: ApiObject<StorageClassObject>;

  constructor(scope: Construct, id: string, props: VolumeClassProps) {
    super(scope, id, props, 'storage-class', schema);
    const { provisioner, reclaimPolicy, volumeBindingMode, allowVolumeExpansion } = props;
    const metadata = this.objectMeta(this.name, { annotations: props.isDefault ? { [DEFAULT_CLASS_ANNOTATION]: 'true' } : {} });
    this.object = this.newObject<StorageClassObject>(
      'storage.k8s.io/v1',
      'StorageClass',
      {
        provisioner,
        reclaimPolicy,
        volumeBindingMode,
        allowVolumeExpansion,
        parameters: props.parameters && { ...props.parameters },
        mountOptions: props.mountOptions && [...props.mountOptions],
      },
      metadata,
    );
  }
}
