import { Construct, type IConstruct } from 'constructs';
import { z } from 'zod';
import { dns1123Label } from '../validate/formats.js';
import { cdk8sObjectName, markAsCdk8sChart } from './cdk8s-interop.js';
import { type Defaults, defaultsSchema } from './defaults.js';
import { checkProps, p, propsSchema } from './props.js';
import { reportPropsProblems } from './props-report.js';

export interface ChartProps {
  /**
   * Namespace for the chart's namespaced objects that set none.
   * @default - none: objects without a namespace go to the namespace given at apply time
   */
  readonly namespace?: string;
  /**
   * Labels added to every object of the chart (an object's own labels win).
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * This application's defaults for its constructs, over the App's (the organisation's) and the
   * library's. App files use this, as the App is created by lading.
   * @default {}
   */
  readonly defaults?: Defaults;
  /**
   * Names that cdk8s and cdk8s-plus constructs give their objects end with a hash of the construct
   * path (cdk8s' `disableResourceNameHashes`, same meaning).
   * @default false
   */
  readonly disableResourceNameHashes?: boolean;
}

const schema = propsSchema<ChartProps>()({
  namespace: p.dnsLabel.optional(),
  labels: p.labels.optional(),
  defaults: defaultsSchema.optional(),
  disableResourceNameHashes: z.boolean().optional(),
});

/**
 * One application: a folder of dist/ and, at apply time, one inventory (ApplySet).
 * Its id is the application's name and must be a DNS-1123 label.
 *
 * It is also a chart to cdk8s: cdk8s and cdk8s-plus constructs, classes made by `cdk8s import`
 * and whole cdk8s Charts can be added to it, and take its namespace and labels as in cdk8s.
 */
export class Chart extends Construct {
  /** The Chart a construct belongs to. */
  static of(c: Construct): Chart {
    for (const scope of [...c.node.scopes].reverse()) if (scope instanceof Chart) return scope;
    throw new Error(`${c.node.path} is not inside a Chart`);
  }

  readonly name: string;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly defaults: Defaults | undefined;
  private readonly nameHashes: boolean;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id);
    const bad = dns1123Label(id);
    if (bad) reportPropsProblems(this, [{ path: [], message: `"${id}": the chart id is the application's name and ${bad}` }], 'id');
    checkProps(this, schema, props);
    this.name = id;
    this.namespace = props.namespace;
    this.labels = props.labels ?? {};
    this.defaults = props.defaults;
    this.nameHashes = !props.disableResourceNameHashes;
    markAsCdk8sChart(this);
  }

  /** cdk8s' hook: the name of a cdk8s object that sets none, as a cdk8s Chart would give it. */
  generateObjectName(apiObject: IConstruct & { readonly kind: string }): string {
    return cdk8sObjectName(apiObject, this.nameHashes);
  }

  /** cdk8s' `Chart.addDependency`: construct dependencies (cdk8s orders objects by them). */
  addDependency(...dependencies: IConstruct[]): void {
    this.node.addDependency(...dependencies);
  }
}
