import type { Construct } from 'constructs';
import { z } from 'zod';
import type { Service } from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import { p, propsSchema, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';

export interface ExternalServiceProps extends ResourceProps {
  /** The DNS name the Service points to, e.g. "db.example.com". */
  readonly externalName: string;
  /**
   * Ports, by name (informational for ExternalName Services).
   * @default {}
   */
  readonly ports?: Readonly<Record<string, number>>;
}

const schema = propsSchema<ExternalServiceProps>()({ ...resourcePropsShape, externalName: p.dnsSubdomain, ports: z.record(z.string(), p.port).optional() });

/** A name in the cluster for a service outside it: a Service of type ExternalName. */
export class ExternalService extends Resource {
  readonly service: ApiObject<Service>;

  constructor(scope: Construct, id: string, props: ExternalServiceProps) {
    super(scope, id, props, 'external', schema);
    const ports = Object.entries(props.ports ?? {}).map(([name, port]) => ({ name, port, protocol: 'TCP' as const }));
    this.service = new ApiObject<Service>(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: this.objectMeta(),
      spec: { type: 'ExternalName', externalName: props.externalName, ports: ports.length ? ports : undefined },
    });
  }
}
