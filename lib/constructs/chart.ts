import { Construct } from 'constructs';
import { dns1123Label } from '../validate/formats.js';
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
}

/**
 * One application: a folder of dist/ and, at apply time, one inventory (ApplySet).
 * Its id is the application's name and must be a DNS-1123 label.
 */
const schema = propsSchema<ChartProps>()({ namespace: p.dnsLabel.optional(), labels: p.labels.optional(), defaults: defaultsSchema.optional() });

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

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id);
    const bad = dns1123Label(id);
    if (bad) reportPropsProblems(this, [{ path: [], message: `"${id}": the chart id is the application's name and ${bad}` }], 'id');
    checkProps(this, schema, props);
    this.name = id;
    this.namespace = props.namespace;
    this.labels = props.labels ?? {};
    this.defaults = props.defaults;
  }
}
