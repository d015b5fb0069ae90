import { Construct } from 'constructs';
import { z } from 'zod';
import { cdk8sResolvers } from './cdk8s-interop.js';
import { type Defaults, defaultsSchema } from './defaults.js';
import { checkProps, propsSchema } from './props.js';

export interface AppProps {
  /**
   * The environment being synthesized (`lading synth --env prod`).
   * @default - none: apps use their own defaults
   */
  readonly env?: string;
  /**
   * The organisation's defaults for every construct (resources, security context, labels,
   * policies...), over the library's. See `Defaults`.
   * @default {}
   */
  readonly defaults?: Defaults;
}

const schema = propsSchema<AppProps>()({ env: z.string().optional(), defaults: defaultsSchema.optional() });

/** The root of the construct tree: one per synth run, given to every app file. */
export class App extends Construct {
  /** Finds the App at the root of any construct's tree. */
  static of(c: Construct): App {
    const root = c.node.root;
    if (!(root instanceof App)) throw new Error(`${c.node.path} is not inside a lading App`);
    return root;
  }

  readonly env: string | undefined;
  readonly defaults: Defaults | undefined;

  constructor(props: AppProps = {}) {
    // The root construct has no scope and an empty id (the constructs library's convention).
    super(undefined as unknown as Construct, '');
    checkProps(this, schema, props);
    this.env = props.env;
    this.defaults = props.defaults;
  }

  #resolvers: unknown[] | undefined;

  /**
   * cdk8s' hook: cdk8s objects resolve their values with the resolvers of the App at their root
   * (`App.of(c).resolvers`); these are cdk8s' default ones, loaded when a cdk8s object first asks.
   */
  get resolvers(): unknown[] {
    this.#resolvers ??= cdk8sResolvers();
    return this.#resolvers;
  }
}
