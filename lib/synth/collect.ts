import type { Construct, IConstruct } from 'constructs';
import { ApiObject } from '../constructs/api-object.js';
import { Chart } from '../constructs/chart.js';
import { throwPropsProblems } from '../constructs/props-report.js';
import { type KubeObject, isKubeObject } from '../manifest/object.js';

/** An object produced by a construct, with where it came from. */
export interface SynthObject {
  /** The application (Chart id) it belongs to. */
  readonly app: string;
  readonly chart: Chart;
  readonly constructPath: string;
  readonly object: KubeObject;
}

// cdk8s' ApiObject (from a cdk8s or cdk8s-plus construct) is recognised by shape, so that
// lading does not load cdk8s unless a user's app does.
function cdk8sObject(c: IConstruct): KubeObject | undefined {
  const candidate = c as { toJson?: unknown; apiVersion?: unknown; kind?: unknown };
  if (typeof candidate.toJson !== 'function' || typeof candidate.kind !== 'string' || typeof candidate.apiVersion !== 'string') return undefined;
  const json: unknown = (candidate.toJson as () => unknown).call(c);
  return isKubeObject(json) ? json : undefined;
}

/** Every Kubernetes object in the tree, in construction order, with its Chart. Throws a PropsError when any construct was given invalid props. */
export function collectObjects(root: Construct): SynthObject[] {
  throwPropsProblems(root);
  const out: SynthObject[] = [];
  const orphans: string[] = [];
  for (const c of root.node.findAll()) {
    const object = c instanceof ApiObject ? c.toObject() : cdk8sObject(c);
    if (!object) continue;
    const chart = [...c.node.scopes].reverse().find((s): s is Chart => s instanceof Chart);
    if (!chart) {
      orphans.push(c.node.path);
      continue;
    }
    out.push({ app: chart.name, chart, constructPath: c.node.path, object });
  }
  if (orphans.length) throw new OrphanObjectsError(orphans);
  return out;
}

export class OrphanObjectsError extends Error {
  constructor(readonly paths: readonly string[]) {
    super(`objects outside any Chart (every object must belong to an application): ${paths.join(', ')}`);
  }
}
