import type { Construct } from 'constructs';
import { z } from 'zod';
import type { Namespace as NamespaceObject } from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import { resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';

export type NamespaceProps = Omit<ResourceProps, 'namespace'>;

const schema = z.object(resourcePropsShape);

/** A Namespace (applied first, before everything it holds). */
export class Namespace extends Resource {
  readonly object: ApiObject<NamespaceObject>;

  constructor(scope: Construct, id: string, props: NamespaceProps = {}) {
    super(scope, id, props, 'namespace', schema);
    this.object = new ApiObject<NamespaceObject>(this, 'Resource', { apiVersion: 'v1', kind: 'Namespace', metadata: this.objectMeta() });
  }
}
