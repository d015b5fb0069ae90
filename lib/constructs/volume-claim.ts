import type { Construct } from 'constructs';
import { z } from 'zod';
import type { PersistentVolumeClaim as ClaimObject } from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import { propsSchema, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';
import type { ClaimProps } from './stateful-service.js';

export interface VolumeClaimProps extends ResourceProps, ClaimProps {}

const schema = propsSchema<VolumeClaimProps>()({
  ...resourcePropsShape,
  size: z.string().regex(/^[0-9.]+(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/, { error: 'expected a quantity such as "1Gi"' }),
  storageClass: z.string().optional(),
  accessModes: z.array(z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'])).optional(),
});

/** Storage that outlives pods; mount it with `PodVolume.fromClaim(claim)`. */
export class VolumeClaim extends Resource {
  readonly object: ApiObject<ClaimObject>;

  constructor(scope: Construct, id: string, props: VolumeClaimProps) {
    super(scope, id, props, 'storage', schema);
    this.object = new ApiObject<ClaimObject>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: this.objectMeta(),
      spec: {
        accessModes: [...(props.accessModes ?? ['ReadWriteOnce'])],
        storageClassName: props.storageClass,
        resources: { requests: { storage: props.size } },
      },
    });
  }
}
