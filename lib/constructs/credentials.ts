import type { Construct } from 'constructs';
import { z } from 'zod';
import type { Secret as SecretObject } from '../k8s/generated/types.js';
import { SECRET_SOURCES_ANNOTATION } from '../validate/wiring/secret-keys.js';
import { ApiObject } from './api-object.js';
import { mergeDefaults } from './merge.js';
import type { EnvReference } from './env.js';
import { checkProps, propsSchema, resourcePropsShape } from './props.js';
import { reportPropsProblems } from './props-report.js';
import {
  EXTERNAL_SECRET_API_VERSION,
  type ExternalSecretObject,
  type ExternalSecretSettings,
  type SecretDelivery,
  deliverySchema,
  externalSecretSpec,
} from './secret-delivery.js';
import { Resource, type ResourceProps } from './resource.js';
import { type SecretSource, describeSource } from './secret-source.js';

export interface CredentialsProps extends ResourceProps {
  /**
   * The keys of the Secret and where each value comes from: `fromEnv('DB_PASSWORD')`,
   * `fromFile(path)`, `fromDotenv(file, key)`, `literal('x')` (tests only).
   */
  readonly keys: Readonly<Record<string, SecretSource>>;
  /**
   * The Secret's type.
   * @default "Opaque"
   */
  readonly type?: string;
  /**
   * How the values reach the cluster: `'apply'` (dist/ holds the shape, `lading apply` reads the
   * sources) or `{ externalSecret: { store } }` (dist/ holds an ExternalSecret; the values live in
   * the store and the sources are not used).
   * @default - the `secrets` default of the Chart or App, else "apply"
   */
  readonly delivery?: SecretDelivery;
}

const KEY = /^[-._a-zA-Z0-9]+$/;
const source = z.union(
  [
    z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name' }) }),
    z.strictObject({ file: z.string().min(1) }),
    z.strictObject({ dotenv: z.string().min(1), key: z.string().min(1) }),
    z.strictObject({ literal: z.literal(true), value: z.string() }),
  ],
  { error: 'expected a source: fromEnv(name), fromFile(path), fromDotenv(file, key) or literal(value)' },
);

const schema = propsSchema<CredentialsProps>()({
  ...resourcePropsShape,
  keys: z
    .record(z.string().regex(KEY, { error: 'a key may hold only letters, digits, "-", "_" and "."' }), source)
    .refine((k) => Object.keys(k).length > 0, { error: 'expected at least one key' }),
  type: z.string().optional(),
  delivery: deliverySchema.optional(),
});

// Built once: zod compiles a schema on its first parse, so one per instance would cost that each time.
const defaultsSchema = z.strictObject({ secrets: deliverySchema });

/**
 * A Secret declared by its keys and their sources. dist/ holds only its shape (metadata, type,
 * and the sources annotation): never a value. `lading apply` reads the values from the sources.
 * With `delivery: { externalSecret }` dist/ holds an ExternalSecret making a Secret of the same
 * name and keys instead.
 */
export class Credentials extends Resource {
  readonly sources: Readonly<Record<string, SecretSource>>;
  readonly delivery: SecretDelivery;
  readonly object: ApiObject<SecretObject> | ApiObject<ExternalSecretObject>;

  constructor(scope: Construct, id: string, props: CredentialsProps) {
    super(scope, id, props, 'secret', schema);
    this.sources = { ...props.keys };
    this.delivery = props.delivery ?? this.defaultDelivery();
    const type = props.type ?? 'Opaque';
    if (this.delivery !== 'apply') {
      // The store's kind and refresh interval come from defaults.externalSecret when not given.
      const externalSecret = mergeDefaults(this.defaults.externalSecret, this.delivery.externalSecret) as ExternalSecretSettings;
      const literals = this.keys.filter((k) => 'literal' in this.sources[k]!);
      reportPropsProblems(
        this,
        literals.map((k) => ({
          path: ['keys', k],
          message: `a literal cannot be delivered by an ExternalSecret: the value must live in the store "${externalSecret.store}" (or set delivery: 'apply')`,
        })),
      );
      let spec: ExternalSecretObject['spec'];
      try {
        spec = externalSecretSpec(externalSecret, this.name, this.keys, type);
      } catch (e) {
        // remoteKey returned something unusable: reported with the props, the ExternalSecret is left empty.
        reportPropsProblems(this, [{ path: ['delivery', 'externalSecret', 'remoteKey'], message: (e as Error).message }]);
        spec = externalSecretSpec({ ...externalSecret, remoteKey: undefined }, this.name, this.keys, type);
      }
      this.object = new ApiObject<ExternalSecretObject>(this, 'Resource', {
        apiVersion: EXTERNAL_SECRET_API_VERSION,
        kind: 'ExternalSecret',
        metadata: this.objectMeta(),
        spec,
      });
      return;
    }
    const descriptors = Object.fromEntries(
      Object.keys(props.keys)
        .sort()
        .map((k) => [k, describeSource(props.keys[k]!)]),
    );
    this.object = new ApiObject<SecretObject>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: this.objectMeta(this.name, { annotations: { [SECRET_SOURCES_ANNOTATION]: JSON.stringify(descriptors) } }),
      type,
    });
  }

  // Defaults are not props: checked here, so that a bad one names the level it comes from.
  private defaultDelivery(): SecretDelivery {
    const d = this.defaults.secrets ?? 'apply';
    return checkProps(this, defaultsSchema, { secrets: d }, 'defaults') ? d : 'apply';
  }

  /** The keys this Secret holds. */
  get keys(): string[] {
    return Object.keys(this.sources);
  }

  /** An env value read from one of this Secret's keys (the key must be declared). */
  key(key: string): EnvReference {
    if (!(key in this.sources)) {
      throw new Error(`${this.node.path}: secret "${this.name}" has no key "${key}" (keys: ${this.keys.join(', ')})`);
    }
    return { valueFrom: { secretKeyRef: { name: this.name, key } } };
  }
}
