import type { KubeObject } from '../../lib/manifest/object.js';

/** A valid Deployment to start tests from; `patch` is merged shallowly into spec.template.spec. */
export function deployment(name = 'web', podSpec: Record<string, unknown> = {}): KubeObject {
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }], ...podSpec },
      },
    },
  };
}

export function service(name = 'web', spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { 'app.kubernetes.io/name': name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec },
  };
}

export function withPath(o: KubeObject, path: (string | number)[], value: unknown): KubeObject {
  const copy = structuredClone(o) as Record<string | number, unknown>;
  let cur = copy;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  cur[path.at(-1)!] = value;
  return copy as KubeObject;
}
