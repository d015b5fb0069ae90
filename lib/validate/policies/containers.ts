import { getPath, isRecord, type KubeObject } from '../../manifest/object.js';
import type { FieldPath } from '../../manifest/source.js';
import { podSpecPath } from '../workloads.js';

export interface ContainerAt {
  readonly container: Record<string, unknown>;
  readonly path: FieldPath;
  readonly init: boolean;
}

/** The pod spec of a workload (or Pod) and its path, if `o` has one. */
export function podSpecOf(o: KubeObject): { spec: Record<string, unknown>; path: FieldPath } | undefined {
  const path = podSpecPath(o.kind);
  const spec = path && getPath(o, path);
  return path && isRecord(spec) ? { spec, path } : undefined;
}

/** Every container (init containers too) of a workload, with its field path. */
export function containersOf(o: KubeObject): ContainerAt[] {
  const pod = podSpecOf(o);
  if (!pod) return [];
  const out: ContainerAt[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    const cs = pod.spec[list];
    if (!Array.isArray(cs)) continue;
    cs.forEach((c, i) => {
      if (isRecord(c)) out.push({ container: c, path: [...pod.path, list, i], init: list === 'initContainers' });
    });
  }
  return out;
}
