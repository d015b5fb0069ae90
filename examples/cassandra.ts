import { type App, Chart, Probe, StatefulService, VolumeClass, fieldRef } from 'lading';

/** kubernetes/examples databases/cassandra: a 3-node ring, a claim per node on an SSD class. */
export function cassandra(app: App, namespace?: string, ssd = { name: 'fast', provisioner: 'k8s.io/minikube-hostpath' }): Chart {
  const chart = new Chart(app, 'cassandra', { namespace });
  const fast = new VolumeClass(chart, 'fast', { ...ssd, parameters: { type: 'pd-ssd' } });
  const probe = { initialDelaySeconds: 15, timeoutSeconds: 5, periodSeconds: 10, failureThreshold: 3 };
  new StatefulService(chart, 'cassandra', {
    image: 'gcr.io/google-samples/cassandra:v14',
    imagePullPolicy: 'Always',
    replicas: 3,
    port: 9042,
    portName: 'cql',
    ports: { 'intra-node': 7000, 'tls-intra-node': 7001, jmx: 7199 },
    resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } },
    // It starts as root, writes its configuration at start and locks its memory.
    securityContext: { runAsNonRoot: null, readOnlyRootFilesystem: null, capabilities: { add: ['IPC_LOCK'] } },
    annotations: { 'lading.dev/skip-policies': 'run-as-root' },
    terminationGracePeriodSeconds: 1800,
    lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'nodetool drain'] } } },
    env: {
      MAX_HEAP_SIZE: '512M',
      HEAP_NEWSIZE: '100M',
      CASSANDRA_SEEDS: 'cassandra-0.cassandra.default.svc.cluster.local',
      CASSANDRA_CLUSTER_NAME: 'K8Demo',
      CASSANDRA_DC: 'DC1-K8Demo',
      CASSANDRA_RACK: 'Rack1-K8Demo',
      CASSANDRA_SEED_PROVIDER: 'io.k8s.cassandra.KubernetesSeedProvider',
      POD_IP: fieldRef.podIp(),
    },
    readiness: Probe.exec(['/bin/bash', '-c', '/ready-probe.sh'], probe),
    liveness: Probe.exec(['/bin/bash', '-c', 'nodetool status'], probe),
    storage: { '/var/lib/cassandra': { name: 'cassandra-data', size: '1Gi', storageClass: fast.name } },
  });
  return chart;
}

export default (app: App): void => void cassandra(app);
