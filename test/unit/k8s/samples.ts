// Realistic objects, and mistakes a user makes in them, for the schema tests.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- objects shaped freely, mistakes included
type Obj = Record<string, any>;

const labels = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop' };

export const deployment = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels, annotations: { 'lading.dev/owner': 'team-a' }, creationTimestamp: null },
  spec: {
    replicas: 3,
    revisionHistoryLimit: 5,
    selector: { matchLabels: labels },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    template: {
      metadata: { labels },
      spec: {
        serviceAccountName: 'web',
        restartPolicy: 'Always',
        securityContext: { runAsNonRoot: true, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
        initContainers: [{ name: 'migrate', image: 'registry.example.com/web:1.2.3', command: ['migrate'] }],
        containers: [
          {
            name: 'web',
            image: 'registry.example.com/web:1.2.3',
            imagePullPolicy: 'IfNotPresent',
            args: ['--port=8080'],
            ports: [
              { name: 'http', containerPort: 8080, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9090 },
            ],
            env: [
              { name: 'LOG_LEVEL', value: 'info' },
              { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'web', key: 'token' } } },
            ],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: 1, memory: '256Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, periodSeconds: 10 },
            livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 5 },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          },
        ],
        volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
      },
    },
  },
  status: { replicas: 3, conditions: [{ type: 'Available', status: 'True' }] },
});

export const service = (): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop', labels },
  spec: {
    type: 'ClusterIP',
    selector: labels,
    sessionAffinity: 'None',
    ports: [
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, targetPort: 53 },
    ],
  },
});

export const secret = (): Obj => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'web', namespace: 'shop' },
  type: 'Opaque',
  data: { token: 'c2VjcmV0LXZhbHVl', empty: '' },
  stringData: { plain: 'not encoded' },
});

export const hpa = (): Obj => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } },
  },
});

export const configMap = (): Obj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web', namespace: 'shop' },
  data: { 'app.yaml': 'port: 8080\n' },
  binaryData: { 'logo.png': 'iVBORw0KGgo=' },
});

export const VALID: readonly (() => Obj)[] = [deployment, service, secret, hpa, configMap];

export interface Mistake {
  readonly name: string;
  readonly make: () => Obj;
  /** `path: message` substrings expected among the issues. */
  readonly expect: readonly string[];
}

const pod = (d: Obj): Obj => d.spec.template.spec;

function with_<T extends Obj>(make: () => T, edit: (o: T) => void): () => T {
  return () => {
    const o = make();
    edit(o);
    return o;
  };
}

export const MISTAKES: readonly Mistake[] = [
  {
    name: 'unknown field in a container',
    make: with_(deployment, (d) => (pod(d).containers[0].imagePullPolcy = 'Always')),
    expect: ['spec.template.spec.containers.0: unknown field "imagePullPolcy"'],
  },
  {
    name: 'bad imagePullPolicy',
    make: with_(deployment, (d) => (pod(d).containers[0].imagePullPolicy = 'Sometimes')),
    expect: ['spec.template.spec.containers.0.imagePullPolicy: expected one of: Always, IfNotPresent, Never'],
  },
  {
    name: 'replicas as a string',
    make: with_(deployment, (d) => (d.spec.replicas = '3')),
    expect: ['spec.replicas: expected an integer from -2147483648 to 2147483647 (int32)'],
  },
  {
    name: 'two containers with one name',
    make: with_(deployment, (d) => pod(d).containers.push({ name: 'web', image: 'sidecar:1' })),
    expect: ['spec.template.spec.containers.1: duplicate entry: containers[name=web] appears twice'],
  },
  {
    name: 'two ports with one containerPort/protocol (protocol defaults to TCP)',
    make: with_(deployment, (d) => pod(d).containers[0].ports.push({ name: 'http2', containerPort: 8080 })),
    expect: ['spec.template.spec.containers.0.ports.2: duplicate entry: ports[containerPort=8080,protocol=TCP] appears twice'],
  },
  {
    name: 'cpu limit that is not a quantity',
    make: with_(deployment, (d) => (pod(d).containers[0].resources.limits.cpu = '1 core')),
    expect: ['spec.template.spec.containers.0.resources.limits.cpu: expected a quantity such as 500m, 1.5, 128Mi or 2Gi'],
  },
  {
    name: 'container without a name',
    make: with_(deployment, (d) => delete pod(d).containers[0].name),
    expect: ['spec.template.spec.containers.0.name: missing required field, expected a string'],
  },
  {
    name: 'missing selector',
    make: with_(deployment, (d) => delete d.spec.selector),
    expect: ['spec.selector: missing required field, expected an object'],
  },
  {
    name: 'wrong apiVersion',
    make: with_(deployment, (d) => (d.apiVersion = 'apps/v1beta1')),
    expect: ['apiVersion: expected "apps/v1"'],
  },
  {
    name: 'bad restartPolicy and toleration operator',
    make: with_(deployment, (d) => {
      pod(d).restartPolicy = 'Sometimes';
      pod(d).tolerations[0].operator = 'Is';
    }),
    expect: [
      'spec.template.spec.restartPolicy: expected one of: Always, Never, OnFailure',
      'spec.template.spec.tolerations.0.operator: expected one of: Equal, Exists, Gt, Lt',
    ],
  },
  {
    name: 'unknown metadata field',
    make: with_(service, (s) => (s.metadata.label = { a: 'b' })),
    expect: ['metadata: unknown field "label"'],
  },
  {
    name: 'bad Service type',
    make: with_(service, (s) => (s.spec.type = 'Internal')),
    expect: ['spec.type: expected one of: ClusterIP, ExternalName, LoadBalancer, NodePort'],
  },
  {
    name: 'port out of int32 and targetPort not int-or-string',
    make: with_(service, (s) => {
      s.spec.ports[0].port = 2 ** 32;
      s.spec.ports[0].targetPort = 1.5;
    }),
    expect: ['spec.ports.0.port: expected an integer from -2147483648 to 2147483647 (int32)', 'spec.ports.0.targetPort: expected an integer or a string'],
  },
  {
    name: 'duplicate Service port/protocol',
    make: with_(service, (s) => s.spec.ports.push({ name: 'dns-again', port: 53, protocol: 'UDP' })),
    expect: ['spec.ports.3: duplicate entry: ports[port=53,protocol=UDP] appears twice'],
  },
  {
    name: 'Secret data not base64',
    make: with_(secret, (s) => (s.data.token = 'plain text!')),
    expect: ['data.token: expected base64-encoded data (byte)'],
  },
  {
    name: 'HPA metric type and target type',
    make: with_(hpa, (h) => {
      h.spec.metrics[0].type = 'Cpu';
      h.spec.metrics[0].resource.target.type = 'Percent';
    }),
    expect: [
      'spec.metrics.0.type: expected one of: ContainerResource, External, Object, Pods, Resource',
      'spec.metrics.0.resource.target.type: expected one of: AverageValue, Utilization, Value',
    ],
  },
  {
    name: 'HPA without maxReplicas, averageValue not a quantity',
    make: with_(hpa, (h) => {
      delete h.spec.maxReplicas;
      h.spec.metrics[1].pods.target.averageValue = 'lots';
    }),
    expect: ['spec.maxReplicas: missing required field, expected an integer', 'spec.metrics.1.pods.target.averageValue: expected a quantity'],
  },
  {
    name: 'ConfigMap data value not a string, a list instead of an object',
    make: with_(configMap, (c) => {
      c.data.port = 8080;
      c.metadata.labels = ['a'];
    }),
    expect: ['data.port: expected a string', 'metadata.labels: expected an object'],
  },
];
