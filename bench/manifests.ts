import type { KubeObject } from '../lib/manifest/object.js';
import { appName } from './workload.js';

/** The benchmark workload as plain objects: N × (Deployment, Service, Secret, HPA) in `namespace`. */
export function workloadObjects(apps: number, namespace: string, imageTag: (i: number) => string = (i) => `1.${i % 10}.0`): KubeObject[] {
  const objects: KubeObject[] = [];
  for (let i = 0; i < apps; i++) {
    const name = appName(i);
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': 'bench' };
    objects.push(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace, labels },
        type: 'Opaque',
        data: { password: Buffer.from(`pw-${i}-not-real`).toString('base64') },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace, labels },
        spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace, labels },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: `ghcr.io/acme/web:${imageTag(i)}`,
                  ports: [{ name: 'http', containerPort: 8080 }],
                  env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name, key: 'password' } } }],
                  resources: { requests: { cpu: '100m' }, limits: { cpu: '500m' } },
                  readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
                },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace, labels },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: 2,
          maxReplicas: 10,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        },
      },
    );
  }
  return objects;
}
