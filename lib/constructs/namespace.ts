import type { Construct } from 'constructs';
import type { Namespace as NamespaceObject } from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import { propsSchema, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';

export type NamespaceProps = Omit<ResourceProps, 'namespace'>;

const { namespace: _namespace, ...shape } = resourcePropsShape;
const schema = propsSchema<NamespaceProps>()(shape);

/** A Namespace (applied first, before everything it holds). */
export class Namespace extends Resource {
  readonly object: ApiObject<NamespaceObject>;

  constructor(scope: Construct, id: string, props: NamespaceProps = {}) {
    super(scope, id, props, 'namespace', schema);
    this.object = new ApiObject<NamespaceObject>(this, 'Resource', { apiVersion: 'v1', kind: 'Namespace', metadata: this.objectMeta() });
  }
}
