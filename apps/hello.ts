import { ApiObject, Chart, type App } from 'lading';

/** A small application written with the typed model directly: a namespace, config, a web server. */
export default function hello(app: App): void {
  const chart = new Chart(app, 'hello', {
    namespace: 'hello',
    labels: { 'app.kubernetes.io/part-of': 'hello', 'app.kubernetes.io/managed-by': 'lading' },
  });
  const labels = { 'app.kubernetes.io/name': 'hello-web' };

  new ApiObject(chart, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'hello' } });
  new ApiObject(chart, 'config', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'hello-web' },
    data: { 'index.html': '<h1>Hello from lading</h1>\n', GREETING: 'hello' },
  });
  new ApiObject(chart, 'deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'hello-web', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{
            name: 'web',
            image: 'nginx:1.27.3',
            ports: [{ name: 'http', containerPort: 80 }],
            envFrom: [{ configMapRef: { name: 'hello-web' } }],
            readinessProbe: { httpGet: { path: '/', port: 'http' } },
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          }],
        },
      },
    },
  });
  new ApiObject(chart, 'service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'hello-web', labels },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
}
