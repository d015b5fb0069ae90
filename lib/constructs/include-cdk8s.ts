import { Construct, type IConstruct } from 'constructs';
import { z } from 'zod';
import { type KubeObject, isKubeObject } from '../manifest/object.js';
import { ApiObject } from './api-object.js';
import { isCdk8sChart } from './cdk8s-interop.js';
import { checkProps, propsSchema } from './props.js';

/** A cdk8s App (`new App()` of cdk8s) or one of its Charts, built outside lading's tree. */
export type Cdk8sSource = IConstruct;

export interface IncludeCdk8sProps {
  /** A whole cdk8s App (all its charts, in cdk8s' order) or one cdk8s Chart, complete when included. */
  readonly from: Cdk8sSource;
}

interface Cdk8sChartLike extends IConstruct {
  toJson(): unknown[];
}

// cdk8s' own Chart (a lading Chart is a chart to cdk8s too, but renders nothing by itself).
function isRenderableChart(c: unknown): c is Cdk8sChartLike {
  return isCdk8sChart(c) && typeof (c as { toJson?: unknown }).toJson === 'function';
}

// A cdk8s App is the root of its own tree and lists its charts (cdk8s' `App.charts`, in its order).
function chartsOf(from: unknown): readonly Cdk8sChartLike[] | undefined {
  if (isRenderableChart(from)) return [from];
  const charts = (from as { charts?: unknown } | null)?.charts;
  const root = (from as { node?: { scope?: unknown } } | null)?.node;
  if (root && root.scope === undefined && Array.isArray(charts) && charts.every(isRenderableChart)) return charts;
  return undefined;
}

const schema = propsSchema<IncludeCdk8sProps>()({
  from: z.custom<Cdk8sSource>((v) => chartsOf(v) !== undefined, { error: 'expected a cdk8s App or a cdk8s Chart' }),
});

/**
 * An existing cdk8s App or Chart that was built on its own (with cdk8s' `new App()`), included in
 * a lading Chart: its objects, as cdk8s synthesizes them, become this Chart's objects (its
 * application, namespace and labels, validated like the others). cdk8s constructs can also be
 * created in a lading Chart directly; this is for code that builds its own cdk8s App.
 */
export class IncludeCdk8s extends Construct {
  readonly objects: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: IncludeCdk8sProps) {
    super(scope, id);
    const charts = checkProps(this, schema, props) ? chartsOf(props.from)! : [];
    const used = new Map<string, number>();
    this.objects = charts.flatMap((chart) => {
      let docs: unknown[];
      try {
        docs = chart.toJson();
      } catch (e) {
        throw new Error(`${this.node.path}: the cdk8s chart ${chart.node.path} cannot be synthesized: ${(e as Error)?.message ?? String(e)}`, { cause: e });
      }
      return docs.map((doc, i) => {
        if (!isKubeObject(doc))
          throw new Error(`${this.node.path}: the cdk8s chart ${chart.node.path}: object ${i + 1} is not a Kubernetes object (apiVersion and kind)`);
        const base = `${chart.node.id}-${doc.kind}-${doc.metadata?.name ?? i}`;
        const n = used.get(base) ?? 0;
        used.set(base, n + 1);
        return new ApiObject<KubeObject>(this, n ? `${base}-${n}` : base, doc);
      });
    });
  }
}
