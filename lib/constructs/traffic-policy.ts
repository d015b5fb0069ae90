import type { Construct } from 'constructs';
import { z } from 'zod';
import type { NetworkPolicy as NetworkPolicyObject, NetworkPolicyPeer, NetworkPolicyPort } from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import { p, propsSchema, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';

/** Who traffic may come from or go to. */
export type Peer =
  /** The pods of a lading workload (same namespace). */
  | { readonly selectorLabels: Readonly<Record<string, string>> }
  /** Pods with these labels (same namespace). */
  | { readonly podLabels: Readonly<Record<string, string>> }
  /** Every pod of the namespaces with these labels, e.g. `{ 'kubernetes.io/metadata.name': 'ingress-nginx' }`. */
  | { readonly namespaceLabels: Readonly<Record<string, string>> }
  /** An IP block, e.g. "10.0.0.0/8". */
  | { readonly cidr: string };

export interface TrafficPolicyProps extends ResourceProps {
  /** The pods the policy applies to: a workload construct, or pod labels. */
  readonly selects: { readonly selectorLabels: Readonly<Record<string, string>> } | Readonly<Record<string, string>>;
  /**
   * Allowed sources of incoming traffic (given: all other incoming traffic is denied).
   * @default - incoming traffic is not restricted
   */
  readonly allowFrom?: readonly Peer[];
  /**
   * Ports incoming traffic may reach (names or numbers).
   * @default - every port
   */
  readonly ingressPorts?: readonly (number | string)[];
  /**
   * Allowed destinations of outgoing traffic (given: all other outgoing traffic is denied).
   * @default - outgoing traffic is not restricted
   */
  readonly allowTo?: readonly Peer[];
  /**
   * Ports outgoing traffic may reach.
   * @default - every port
   */
  readonly egressPorts?: readonly (number | string)[];
}

const labels = z.record(z.string(), z.string());
const peer = z.union(
  [
    z.object({ selectorLabels: labels }).loose(),
    z.strictObject({ podLabels: labels }),
    z.strictObject({ namespaceLabels: labels }),
    z.strictObject({ cidr: z.string().regex(/^[0-9a-fA-F:.]+\/\d+$/, { error: 'expected a CIDR such as "10.0.0.0/8"' }) }),
  ],
  { error: 'expected a workload, { podLabels }, { namespaceLabels } or { cidr }' },
);
const port = z.union([p.port, z.string()]);
const schema = propsSchema<TrafficPolicyProps>()({
  ...resourcePropsShape,
  selects: z.union([z.object({ selectorLabels: labels }).loose(), labels]),
  allowFrom: z.array(peer).optional(),
  ingressPorts: z.array(port).optional(),
  allowTo: z.array(peer).optional(),
  egressPorts: z.array(port).optional(),
});

function toPeer(peer: Peer): NetworkPolicyPeer {
  if ('selectorLabels' in peer) return { podSelector: { matchLabels: { ...peer.selectorLabels } } };
  if ('podLabels' in peer) return { podSelector: { matchLabels: { ...peer.podLabels } } };
  if ('namespaceLabels' in peer) return { namespaceSelector: { matchLabels: { ...peer.namespaceLabels } } };
  return { ipBlock: { cidr: peer.cidr } };
}

function toPorts(ports: readonly (number | string)[] | undefined): NetworkPolicyPort[] | undefined {
  return ports?.length ? ports.map((port) => ({ port, protocol: 'TCP' })) : undefined;
}

/** Who may talk to a workload's pods, and whom they may talk to. */
export class TrafficPolicy extends Resource {
  readonly object: ApiObject<NetworkPolicyObject>;

  constructor(scope: Construct, id: string, props: TrafficPolicyProps) {
    super(scope, id, props, 'network-policy', schema);
    const selected =
      'selectorLabels' in props.selects && typeof props.selects.selectorLabels === 'object'
        ? (props.selects.selectorLabels as Record<string, string>)
        : (props.selects as Record<string, string>);
    const types: ('Ingress' | 'Egress')[] = [];
    if (props.allowFrom) types.push('Ingress');
    if (props.allowTo) types.push('Egress');
    this.object = new ApiObject<NetworkPolicyObject>(this, 'Resource', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: this.objectMeta(),
      spec: {
        podSelector: { matchLabels: { ...selected } },
        policyTypes: types,
        ingress: props.allowFrom && [{ from: props.allowFrom.map(toPeer), ports: toPorts(props.ingressPorts) }],
        egress: props.allowTo && [{ to: props.allowTo.map(toPeer), ports: toPorts(props.egressPorts) }],
      },
    });
  }
}
