import { after } from 'node:test';
import { type ApplyFlags, type ApplyIo } from '../../../lib/cli/apply.js';
import { runApply } from '../../../lib/cli/apply-command.js';
import type { RequestSpec } from '../../../lib/cluster/client.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { useCluster } from '../../support/cluster.js';
import { lading, writeManifests } from '../../support/cli.js';
import { testClient } from '../../support/kube.js';

/** The test control plane (scripts/test.sh's, or a private one started for this file). */
const cluster = await useCluster();
export const kubeconfig = cluster.kubeconfig;
/** The context of the read-only user `restricted`. */
export const restrictedContext = cluster.restrictedContext;

export const kube = testClient(kubeconfig);
export const env = { KUBECONFIG: kubeconfig };

const cleanup: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  await cluster.stop();
});

/** A namespace name unique to this run, deleted after the file's tests. */
export function uniqueNamespace(prefix: string): string {
  const name = `${prefix}-${Math.random().toString(16).slice(2, 8)}`;
  cleanup.push(() => kube.remove('v1', 'Namespace', undefined, name));
  return name;
}

export function onCleanup(task: () => Promise<unknown>): void {
  cleanup.push(task);
}

export const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

export function configMap(ns: string, name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data };
}

export function deployment(ns: string, name: string, image = 'nginx:1.27', extra: Record<string, unknown> = {}): KubeObject {
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 8080 }], securityContext: { runAsNonRoot: true, runAsUser: 1000 } }],
        },
      },
      ...extra,
    },
  };
}

export function service(ns: string, name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: { selector: { 'app.kubernetes.io/name': name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec },
  };
}

/** `lading apply -f <objects> --name APP ARGS` as a child process (no TTY). */
export async function apply(app: string, objects: readonly KubeObject[], ...args: string[]) {
  return lading(['apply', '-f', writeManifests(objects), '--name', app, ...args], { env });
}

/** `lading apply` in this process, counting every request it sends. */
export async function applyInProcess(app: string, objects: readonly KubeObject[], flags: Partial<ApplyFlags> = {}) {
  const requests: RequestSpec[] = [];
  let stdout = '';
  let stderr = '';
  const io: ApplyIo = {
    out: { write: (t: string) => (stdout += t), isTTY: false },
    err: { write: (t: string) => (stderr += t) },
    interactive: false,
    confirm: async () => false,
    onRequest: (spec) => requests.push(spec),
    env: {},
    handleSignals: false,
  };
  const code = await runApply({ filename: [writeManifests(objects)], name: app, kubeconfig, ...flags }, io);
  // The application's lock (a coordination.k8s.io Lease, taken and released) is not a write of its objects.
  const writes = requests.filter((r) => r.method !== 'GET' && !(r.method === 'PATCH' && r.query?.dryRun) && !r.path.startsWith('/apis/coordination.k8s.io/'));
  return { code, stdout, stderr, requests, writes };
}

export { lading, writeManifests };
