import type { Construct } from 'constructs';
import type { PersistentVolumeClaim as ClaimObject } from '../k8s/generated/types.js';
import type { ApiObject } from './api-object.js';
import { propsSchema, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';
import { type ClaimProps, claimShape } from './stateful-service.js';

export interface VolumeClaimProps extends ResourceProps, Omit<ClaimProps, 'name'> {}

const schema = propsSchema<VolumeClaimProps>()({ ...resourcePropsShape, ...claimShape });

/** Storage that outlives pods; mount it with `PodVolume.fromClaim(claim)`. */
export class VolumeClaim extends Resource {
  readonly object: ApiObject<ClaimObject>;

  constructor(scope: Construct, id: string, props: VolumeClaimProps) {
    super(scope, id, props, 'storage', schema);
    const accessModes = [...(props.accessModes ?? this.defaults.claim.accessModes)];
    this.object = this.newObject<ClaimObject>('v1', 'PersistentVolumeClaim', {
      spec: { accessModes, storageClassName: props.storageClass, resources: { requests: { storage: props.size } } },
    });
  }
}
