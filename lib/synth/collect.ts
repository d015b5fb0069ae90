import type { Construct, IConstruct } from 'constructs';
import { ApiObject } from '../constructs/api-object.js';
import { isCdk8sApiObject, isCdk8sChart } from '../constructs/cdk8s-interop.js';
import { Chart } from '../constructs/chart.js';
import { throwPropsProblems } from '../constructs/props-report.js';
import { dns1123Label } from '../validate/formats.js';
import { type KubeObject, isKubeObject } from '../manifest/object.js';

/**
 * The construct an application is made of: a lading Chart, or a cdk8s Chart added to the App
 * itself (then its id is the application's name).
 */
export type ApplicationChart = Construct & { readonly namespace?: string | undefined; readonly labels: Readonly<Record<string, string>> };

/** An object produced by a construct, with where it came from. */
export interface SynthObject {
  /** The application (Chart id) it belongs to. */
  readonly app: string;
  readonly chart: ApplicationChart;
  readonly constructPath: string;
  readonly object: KubeObject;
}

/** A construct tree that cannot be synthesized; the message names the construct paths. */
export class CollectError extends Error {}

export class OrphanObjectsError extends CollectError {
  constructor(readonly paths: readonly string[]) {
    super(`objects outside any Chart (every object must belong to an application): ${paths.join(', ')}`);
  }
}

/** The application an object belongs to: its closest lading Chart, else the outermost cdk8s Chart. */
function applicationOf(c: IConstruct): ApplicationChart | undefined {
  const scopes = c.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i] instanceof Chart) return scopes[i] as Chart;
  return scopes.find((s): s is ApplicationChart => isCdk8sChart(s));
}

// A cdk8s object renders itself (its resolvers, JSON patches); a failure is the user's construct's.
function cdk8sJson(c: IConstruct & { toJson(): unknown }): KubeObject {
  let json: unknown;
  try {
    json = c.toJson();
  } catch (e) {
    throw new CollectError(`${c.node.path}: cannot render this cdk8s object: ${(e as Error)?.message ?? String(e)}`);
  }
  if (!isKubeObject(json)) throw new CollectError(`${c.node.path}: this cdk8s object rendered no Kubernetes object (apiVersion and kind expected)`);
  return json;
}

/** Messages of the constructs' own validations (`node.addValidation`, which cdk8s-plus uses). */
function constructValidations(all: readonly IConstruct[]): string[] {
  return all.flatMap((c) => c.node.validate().map((m) => `${c.node.path}: ${m}`));
}

/**
 * Every Kubernetes object in the tree, lading's and cdk8s' alike, in construction order, with its
 * application. Throws a PropsError when any construct was given invalid props, a CollectError when
 * a construct's validation fails or an object belongs to no application.
 */
export function collectObjects(root: Construct): SynthObject[] {
  throwPropsProblems(root);
  const all = root.node.findAll();
  const invalid = constructValidations(all);
  if (invalid.length) throw new CollectError(`constructs failed their validation:\n  ${invalid.join('\n  ')}`);
  const out: SynthObject[] = [];
  const orphans: string[] = [];
  for (const c of all) {
    const object = c instanceof ApiObject ? c.toObject() : isCdk8sApiObject(c) ? cdk8sJson(c) : undefined;
    if (!object) continue;
    const chart = applicationOf(c);
    if (!chart) {
      orphans.push(c.node.path);
      continue;
    }
    const bad = chart instanceof Chart ? undefined : dns1123Label(chart.node.id);
    if (bad)
      throw new CollectError(
        `${chart.node.path}: "${chart.node.id}": a cdk8s Chart added to the App is an application, its id is the application's name and ${bad}`,
      );
    out.push({ app: chart.node.id, chart, constructPath: c.node.path, object });
  }
  if (orphans.length) throw new OrphanObjectsError(orphans);
  return out;
}
