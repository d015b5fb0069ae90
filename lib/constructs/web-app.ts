import type { Construct } from 'constructs';
import { z } from 'zod';
import type {
  Deployment,
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerBehavior,
  Ingress,
  MetricSpec,
  PodDisruptionBudget,
  PodDisruptionBudgetSpec,
  Service,
} from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import { merged } from './defaults.js';
import { Probe } from './probe.js';
import { p, propsSchema } from './props.js';
import { type WorkerProps, deploymentPropsShape, deploymentStrategy, newDeployment } from './worker.js';
import { Workload } from './workload.js';

export interface AutoscaleProps {
  /**
   * Fewest pods.
   * @default - defaults.webApp.autoscale.min (2)
   */
  readonly min?: number;
  /** Most pods. */
  readonly max: number;
  /**
   * Target average CPU utilization, in percent of the pods' requests.
   * @default - defaults.webApp.autoscale.cpuPercent (80) when no other metric is given
   */
  readonly cpuPercent?: number;
  /**
   * Target average memory utilization, in percent of the pods' requests.
   * @default - none
   */
  readonly memoryPercent?: number;
  /**
   * Per-pod metrics from a metrics adapter, e.g. `{ http_requests_per_second: '100' }` (target average value).
   * @default {}
   */
  readonly podMetrics?: Readonly<Record<string, string>>;
  /**
   * Scale-up and scale-down behaviour.
   * @default - Kubernetes'
   */
  readonly behavior?: HorizontalPodAutoscalerBehavior;
}

export interface IngressProps {
  /** The host name, e.g. "shop.example.com". */
  readonly host: string;
  /**
   * The path prefix routed to the app.
   * @default "/"
   */
  readonly path?: string;
  /**
   * The IngressClass.
   * @default - the cluster's default class
   */
  readonly className?: string;
  /**
   * TLS with the certificate in this Secret.
   * @default - no TLS
   */
  readonly tlsSecret?: string;
  /**
   * Annotations of the Ingress (controller settings).
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'Headless';

export interface WebAppProps extends WorkerProps {
  /** The port the container listens on (named `portName`). */
  readonly port: number;
  /**
   * The name of the container port, of the Service port and of what probes and the Ingress target.
   * @default - defaults.webApp.portName ("http")
   */
  readonly portName?: string;
  /**
   * The port of the Service.
   * @default - defaults.webApp.servicePort (80)
   */
  readonly servicePort?: number;
  /**
   * The Service's type ("Headless": ClusterIP None).
   * @default "ClusterIP"
   */
  readonly serviceType?: ServiceType;
  /**
   * Horizontal autoscaling; the Deployment then has no `replicas` (the autoscaler owns it).
   * @default - none: `replicas` pods
   */
  readonly autoscale?: AutoscaleProps;
  /**
   * An Ingress routing a host (and path) to the Service.
   * @default - none
   */
  readonly ingress?: IngressProps;
  /**
   * The PodDisruptionBudget (null or false: none); `minAvailable` replaces a default `maxUnavailable`.
   * @default - defaults.disruptionBudget ({ maxUnavailable: 1 })
   */
  readonly disruptionBudget?: Pick<PodDisruptionBudgetSpec, 'maxUnavailable' | 'minAvailable'> | null | false;
}

const percent = p.range(1, 1000);
const schema = propsSchema<WebAppProps>()({
  ...deploymentPropsShape,
  port: p.port,
  portName: p.portName.optional(),
  servicePort: p.port.optional(),
  serviceType: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'Headless']).optional(),
  autoscale: propsSchema<AutoscaleProps>()({
    min: p.count(1).optional(),
    max: p.count(1),
    cpuPercent: percent.optional(),
    memoryPercent: percent.optional(),
    podMetrics: z.record(z.string(), z.string({ error: 'expected a target average value such as "100"' })).optional(),
    behavior: p.any,
  })
    .refine((a) => a.min === undefined || a.min <= a.max, { error: 'min must not exceed max', path: ['min'] })
    .optional(),
  ingress: propsSchema<IngressProps>()({
    host: p.dnsSubdomain,
    path: z.string().startsWith('/', { error: 'a path starts with "/"' }).optional(),
    className: z.string().optional(),
    tlsSecret: z.string().optional(),
    annotations: p.annotations.optional(),
  }).optional(),
  disruptionBudget: p.any,
})
  .refine((w) => !(w.autoscale && w.replicas !== undefined), {
    error: 'replicas cannot be set with autoscale: the autoscaler owns the replica count',
    path: ['replicas'],
  })
  .refine((w) => !(w.strategy?.type === 'Recreate' && w.rollingUpdate), {
    error: 'rollingUpdate cannot be set with strategy Recreate',
    path: ['rollingUpdate'],
  });

const orUndefined = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

function metrics(a: AutoscaleProps, defaultCpu: number | undefined): MetricSpec[] {
  const out: MetricSpec[] = [];
  const cpu = a.cpuPercent ?? (a.memoryPercent === undefined && !a.podMetrics ? defaultCpu : undefined);
  if (cpu !== undefined) out.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } });
  if (a.memoryPercent !== undefined)
    out.push({ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: a.memoryPercent } } });
  for (const [name, averageValue] of Object.entries(a.podMetrics ?? {})) {
    out.push({ type: 'Pods', pods: { metric: { name }, target: { type: 'AverageValue', averageValue } } });
  }
  return out;
}

/**
 * A web application: Deployment + Service, and optionally an autoscaler (autoscaling/v2), an
 * Ingress, a PodDisruptionBudget and a ServiceAccount. The Service selects the pods by the
 * stable labels (name + instance) and targets the container port by name (`portName`).
 */
export class WebApp extends Workload {
  readonly deployment: ApiObject<Deployment>;
  readonly service: ApiObject<Service>;
  readonly autoscaler: ApiObject<HorizontalPodAutoscaler> | undefined;
  readonly ingress: ApiObject<Ingress> | undefined;
  readonly disruptionBudget: ApiObject<PodDisruptionBudget> | undefined;
  /** The Service's port. */
  readonly servicePort: number;
  /** The name of the container and Service port. */
  readonly portName: string;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id, props, 'web', schema);
    const own = this.defaults.webApp;
    this.servicePort = props.servicePort ?? own.servicePort;
    this.portName = props.portName ?? own.portName;
    const serviceType = props.serviceType ?? 'ClusterIP';
    this.deployment = newDeployment(this, {
      replicas: props.autoscale ? undefined : (props.replicas ?? this.defaults.replicas),
      strategy: deploymentStrategy(props, this.defaults),
      template: this.podTemplate({ ports: [{ name: this.portName, containerPort: props.port }], readiness: Probe.tcp({ port: this.portName }) }),
    });
    this.service = new ApiObject<Service>(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: this.objectMeta(),
      spec: {
        type: serviceType === 'Headless' ? undefined : serviceType,
        clusterIP: serviceType === 'Headless' ? 'None' : undefined,
        selector: { ...this.selectorLabels },
        ports: [{ name: this.portName, port: this.servicePort, targetPort: this.portName, protocol: 'TCP' }],
      },
    });
    this.autoscaler =
      props.autoscale &&
      new ApiObject<HorizontalPodAutoscaler>(this, 'HorizontalPodAutoscaler', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: this.objectMeta(),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name },
          minReplicas: props.autoscale.min ?? own.autoscale.min,
          maxReplicas: props.autoscale.max,
          metrics: orUndefined(metrics(props.autoscale, own.autoscale.cpuPercent ?? undefined)),
          behavior: props.autoscale.behavior,
        },
      });
    this.ingress = props.ingress && this.newIngress(props.ingress);
    const budget = merged<PodDisruptionBudgetSpec>(props.disruptionBudget, this.defaults.disruptionBudget);
    this.disruptionBudget =
      budget &&
      new ApiObject<PodDisruptionBudget>(this, 'PodDisruptionBudget', {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: this.objectMeta(),
        spec: { ...budget, selector: { matchLabels: { ...this.selectorLabels } } },
      });
  }

  private newIngress(i: IngressProps): ApiObject<Ingress> {
    const meta = this.objectMeta();
    return new ApiObject<Ingress>(this, 'Ingress', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { ...meta, annotations: i.annotations || meta.annotations ? { ...meta.annotations, ...i.annotations } : undefined },
      spec: {
        ingressClassName: i.className,
        tls: i.tlsSecret ? [{ hosts: [i.host], secretName: i.tlsSecret }] : undefined,
        rules: [
          {
            host: i.host,
            http: { paths: [{ path: i.path ?? '/', pathType: 'Prefix', backend: { service: { name: this.name, port: { name: this.portName } } } }] },
          },
        ],
      },
    });
  }
}
