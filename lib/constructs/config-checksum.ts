import { createHash } from 'node:crypto';
import type { IConstruct } from 'constructs';
import type { PodSpec } from '../k8s/generated/types.js';

/** The pod template annotation that changes when a Config its pods read changes (so they roll). */
export const CONFIG_CHECKSUM_ANNOTATION = 'lading.dev/config-checksum';

/** A ConfigMap made by a construct, as the checksum sees it. */
export interface ConfigData {
  readonly name: string;
  readonly namespace: string | undefined;
  data(): { readonly data?: Readonly<Record<string, string>>; readonly binaryData?: Readonly<Record<string, string>> };
}

// Configs are registered by the root of their tree, so that a workload finds them by name at synth.
const byRoot = new WeakMap<IConstruct, ConfigData[]>();

export function registerConfig(scope: IConstruct, config: ConfigData): void {
  const list = byRoot.get(scope.node.root) ?? [];
  list.push(config);
  byRoot.set(scope.node.root, list);
}

/** The ConfigMaps a pod reads: env key references, envFrom, and configMap volumes (also projected). */
export function configMapsReadBy(pod: PodSpec): Set<string> {
  const names = new Set<string>();
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef?.name) names.add(e.valueFrom.configMapKeyRef.name);
    for (const e of c.envFrom ?? []) if (e.configMapRef?.name) names.add(e.configMapRef.name);
  }
  for (const v of pod.volumes ?? []) {
    if (v.configMap?.name) names.add(v.configMap.name);
    for (const s of v.projected?.sources ?? []) if (s.configMap?.name) names.add(s.configMap.name);
  }
  return names;
}

/**
 * A checksum of the contents of the Configs of `scope`'s tree that `pod` reads in `namespace`, or
 * undefined when it reads none made by a Config construct (ConfigMaps from elsewhere are not known).
 */
export function configChecksum(scope: IConstruct, pod: PodSpec, namespace: string | undefined): string | undefined {
  const names = configMapsReadBy(pod);
  const configs = (byRoot.get(scope.node.root) ?? [])
    .filter((c) => names.has(c.name) && c.namespace === namespace)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!configs.length) return undefined;
  const hash = createHash('sha256');
  for (const c of configs) {
    const { data, binaryData } = c.data();
    hash.update(JSON.stringify([c.name, sorted(data), sorted(binaryData)]));
  }
  return hash.digest('hex').slice(0, 32);
}

function sorted(r: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(r ?? {}).sort(([a], [b]) => a.localeCompare(b));
}
