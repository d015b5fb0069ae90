import type { Construct } from 'constructs';
import type { Namespace as NamespaceObject } from '../k8s/generated/types.js';
import type { ApiObject } from './api-object.js';
import { propsSchema, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';

export type AppNamespaceProps = Omit<ResourceProps, 'namespace'>;

const { namespace: _namespace, ...shape } = resourcePropsShape;
const schema = propsSchema<AppNamespaceProps>()(shape);

/** A Namespace (applied first, before everything it holds). */
export class AppNamespace extends Resource {
  readonly object: ApiObject<NamespaceObject>;

  constructor(scope: Construct, id: string, props: AppNamespaceProps = {}) {
    super(scope, id, props, 'namespace', schema);
    this.object = this.newObject<NamespaceObject>('v1', 'Namespace', {});
  }
}
