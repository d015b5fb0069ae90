import { Construct } from 'constructs';
import type { z } from 'zod';
import type { ObjectMeta } from '../k8s/generated/types.js';
import { ApiObject, type KubeObjectLike } from './api-object.js';
import { Chart } from './chart.js';
import { type ResolvedDefaults, defaultsOf } from './defaults.js';
import { type Identity, recommendedLabels, selectorLabels } from './labels.js';
import { checkProps } from './props.js';

export interface ResourceProps {
  /**
   * Name of the objects (metadata.name) and the `app.kubernetes.io/name` label.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The `app.kubernetes.io/instance` label (part of selectors).
   * @default - the name
   */
  readonly instance?: string;
  /**
   * The `app.kubernetes.io/component` label.
   * @default - per construct (e.g. "web", "worker", "config")
   */
  readonly component?: string;
  /**
   * Namespace of the objects.
   * @default - the Chart's namespace
   */
  readonly namespace?: string;
  /**
   * Extra labels on every object (never in selectors).
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Extra annotations on every object.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A construct that makes named objects: its identity, labels and defaults. */
export abstract class Resource extends Construct {
  /** metadata.name of the main object (and of its companions, which share it). */
  readonly name: string;
  readonly namespace: string | undefined;
  readonly identity: Identity;
  /** The stable labels that select this construct's pods (name + instance). */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Every label of this construct's objects. */
  readonly labels: Readonly<Record<string, string>>;
  protected readonly defaults: ResolvedDefaults;
  private readonly annotations: Readonly<Record<string, string>>;

  /** Checks `props` against `schema` (errors name this construct's path and the prop), then names it. */
  protected constructor(scope: Construct, id: string, props: ResourceProps, component: string, schema: z.ZodType) {
    super(scope, id);
    // Invalid props are recorded (synth reports them all); building goes on as far as it can.
    checkProps(this, schema, props);
    this.defaults = defaultsOf(this);
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    this.identity = {
      name: this.name,
      instance: props.instance ?? this.name,
      component: props.component ?? component,
      partOf: Chart.of(this).name,
    };
    this.selectorLabels = selectorLabels(this.identity);
    this.labels = { ...this.defaults.labels, ...props.labels, ...recommendedLabels(this.identity) };
    this.annotations = { ...this.defaults.annotations, ...props.annotations };
  }

  /** The construct's one object of `kind` (id "Resource"), named and labelled as the construct. */
  protected newObject<T extends KubeObjectLike>(
    apiVersion: T['apiVersion'],
    kind: T['kind'],
    fields: Omit<T, 'apiVersion' | 'kind' | 'metadata'>,
    metadata = this.objectMeta(),
  ): ApiObject<T> {
    return new ApiObject<T>(this, 'Resource', { apiVersion, kind, metadata, ...fields } as T);
  }

  /** Metadata of one of this construct's objects (name, namespace, labels, annotations). */
  objectMeta(name = this.name, extra: { annotations?: Record<string, string> } = {}): ObjectMeta {
    const annotations = { ...this.annotations, ...extra.annotations };
    return {
      name,
      namespace: this.namespace,
      labels: { ...this.labels },
      annotations: Object.keys(annotations).length ? annotations : undefined,
    };
  }
}
