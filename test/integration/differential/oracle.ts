import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { run } from '../../support/cli.js';

/** kubectl of the test cluster's version: the reference lading is held to. */
export interface Kubectl {
  readonly path: string;
  readonly kubeconfig: string;
}

/** The file name kubectl diff gives an object: "<group>.<version>.<Kind>.<namespace>.<name>". */
export function kubectlDiffName(o: { apiVersion: string; kind: string; metadata?: { namespace?: string; name?: string } }): string {
  return `${o.apiVersion.replace('/', '.')}.${o.kind}.${o.metadata?.namespace ?? ''}.${o.metadata?.name ?? ''}`;
}

/** One JSON document per object, as a YAML stream kubectl and lading both read. */
export function writeObjects(objects: readonly KubeObject[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-differential-'));
  const file = join(dir, 'input.yaml');
  writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n---\n') + '\n');
  return file;
}

export interface KubectlDiff {
  /** kubectl's exit code: 0 no changes, 1 changes, >1 an error. */
  readonly code: number;
  /** kubectlDiffName of every object kubectl shows a diff for. */
  readonly changed: Set<string>;
  readonly stderr: string;
}

/** `kubectl diff --server-side` of a file, as `manager` (default: kubectl's own). */
export async function kubectlDiff(k: Kubectl, file: string, manager?: string): Promise<KubectlDiff> {
  const args = ['diff', '--server-side', '--force-conflicts', '-f', file, ...(manager ? [`--field-manager=${manager}`] : [])];
  const res = await run(k.path, args, { env: { KUBECONFIG: k.kubeconfig, KUBECTL_EXTERNAL_DIFF: '' } });
  const changed = new Set<string>();
  for (const line of res.stdout.split('\n')) {
    const m = /^diff -u -N \S+\/LIVE-\d+\/(\S+) /.exec(line);
    if (m) changed.add(m[1]!);
  }
  return { code: res.code, changed, stderr: res.stderr };
}

/** `kubectl apply --server-side` of a file (as kubectl, or as `manager`). */
export async function kubectlApply(k: Kubectl, file: string, manager?: string): Promise<{ code: number; stderr: string }> {
  const res = await run(k.path, ['apply', '--server-side', '--force-conflicts', '-f', file, ...(manager ? [`--field-manager=${manager}`] : [])], {
    env: { KUBECONFIG: k.kubeconfig },
  });
  return { code: res.code, stderr: res.stderr };
}

/** `kubectl delete` of everything in the files, waiting until it is gone. */
export async function kubectlDelete(k: Kubectl, files: readonly string[]): Promise<void> {
  await run(k.path, ['delete', '--ignore-not-found', '--wait', '--timeout=120s', ...files.flatMap((f) => ['-f', f])], { env: { KUBECONFIG: k.kubeconfig } });
}

const SERVER_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'namespace', 'selfLink'];

/**
 * An object as a comparison of two applies sees it: what the server assigns on its own
 * (identity, timestamps, status, allocated addresses and ports) and the ApplySet label are left out.
 */
export function comparableLive(o: KubeObject, ignoreLabels: readonly string[]): unknown {
  const copy = structuredClone(o) as Record<string, unknown> & KubeObject;
  delete copy.status;
  const meta = { ...copy.metadata } as Record<string, unknown>;
  for (const k of SERVER_METADATA) delete meta[k];
  const labels = { ...(meta.labels as Record<string, string> | undefined) };
  for (const l of ignoreLabels) delete labels[l];
  if (Object.keys(labels).length) meta.labels = labels;
  else delete meta.labels;
  copy.metadata = meta;
  if (copy.kind === 'Service' && copy.spec && typeof copy.spec === 'object') {
    const spec = copy.spec as Record<string, unknown>;
    delete spec.clusterIP;
    delete spec.clusterIPs;
    if (Array.isArray(spec.ports)) spec.ports = spec.ports.map((p: Record<string, unknown>) => ({ ...p, nodePort: undefined }));
    delete spec.healthCheckNodePort;
  }
  // The ServiceAccount admission mounts the API token under a random name.
  const text = JSON.stringify(copy).replace(/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-*');
  return JSON.parse(text);
}
