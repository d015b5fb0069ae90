import type { FieldPath } from '../manifest/source.js';

/** Where each workload kind keeps its pod template, and what the API server allows there. */
export interface WorkloadShape {
  /** Path to the pod template (an object with metadata and spec). Pod itself: the object. */
  readonly template: FieldPath;
  /** Path to the label selector that must match the template's labels, if the kind has one. */
  readonly selector?: FieldPath;
  readonly restartPolicies: readonly string[];
}

export const WORKLOADS: Readonly<Record<string, WorkloadShape>> = {
  Deployment: { template: ['spec', 'template'], selector: ['spec', 'selector'], restartPolicies: ['Always'] },
  ReplicaSet: { template: ['spec', 'template'], selector: ['spec', 'selector'], restartPolicies: ['Always'] },
  StatefulSet: { template: ['spec', 'template'], selector: ['spec', 'selector'], restartPolicies: ['Always'] },
  DaemonSet: { template: ['spec', 'template'], selector: ['spec', 'selector'], restartPolicies: ['Always'] },
  ReplicationController: { template: ['spec', 'template'], restartPolicies: ['Always'] },
  Job: { template: ['spec', 'template'], restartPolicies: ['OnFailure', 'Never'] },
  CronJob: { template: ['spec', 'jobTemplate', 'spec', 'template'], restartPolicies: ['OnFailure', 'Never'] },
  Pod: { template: [], restartPolicies: ['Always', 'OnFailure', 'Never'] },
};

const specPaths = new Map<string, FieldPath>();

/** The path of the pod spec inside an object of `kind`, or undefined for a non-workload. */
export function podSpecPath(kind: string): FieldPath | undefined {
  const shape = WORKLOADS[kind];
  if (!shape) return undefined;
  // Made once per kind (every rule asks for every object), frozen since it is shared.
  let path = specPaths.get(kind);
  if (!path) specPaths.set(kind, (path = Object.freeze([...shape.template, 'spec'])));
  return path;
}

/** The container lists of a pod spec. */
export const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

export interface ContainerAt {
  readonly container: Record<string, unknown>;
  /** The path of one of its fields in the object, e.g. spec.template.spec.containers[0].image. */
  pathOf(...field: FieldPath): FieldPath;
}

/** Every container (init and ephemeral ones too) of a workload's pod spec. */
export function containersOf(o: { kind: string }, lists: readonly (typeof CONTAINER_LISTS)[number][] = CONTAINER_LISTS): ContainerAt[] {
  const shape = WORKLOADS[o.kind];
  if (!shape) return [];
  let spec: unknown = o;
  for (const key of shape.template) spec = spec !== null && typeof spec === 'object' ? (spec as Record<string | number, unknown>)[key] : undefined;
  spec = spec !== null && typeof spec === 'object' ? (spec as Record<string, unknown>).spec : undefined;
  if (spec === null || typeof spec !== 'object') return [];
  const out: ContainerAt[] = [];
  for (const list of lists) {
    const containers = (spec as Record<string, unknown>)[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, i) => {
      if (c !== null && typeof c === 'object' && !Array.isArray(c)) {
        // Paths are made only for the few containers with a problem.
        out.push({ container: c as Record<string, unknown>, pathOf: (...field) => [...shape.template, 'spec', list, i, ...field] });
      }
    });
  }
  return out;
}
