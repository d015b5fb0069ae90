import type { Construct } from 'constructs';
import { z } from 'zod';
import type { Secret as SecretObject } from '../k8s/generated/types.js';
import { SECRET_SOURCES_ANNOTATION } from '../validate/wiring/secret-keys.js';
import { ApiObject } from './api-object.js';
import type { EnvReference } from './env.js';
import { resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';
import { type SecretSource, describeSource } from './secret-source.js';

export interface SecretProps extends ResourceProps {
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
}

const KEY = /^[-._a-zA-Z0-9]+$/;
const source = z.union([
  z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name' }) }),
  z.object({ file: z.string().min(1) }),
  z.object({ dotenv: z.string().min(1), key: z.string().min(1) }),
  z.object({ literal: z.literal(true), value: z.string() }),
], { error: 'expected a source: fromEnv(name), fromFile(path), fromDotenv(file, key) or literal(value)' });

const schema = z.object({
  ...resourcePropsShape,
  keys: z.record(z.string().regex(KEY, { error: 'a key may hold only letters, digits, "-", "_" and "."' }), source)
    .refine((k) => Object.keys(k).length > 0, { error: 'expected at least one key' }),
  type: z.string().optional(),
});

/**
 * A Secret declared by its keys and their sources. dist/ holds only its shape (metadata, type,
 * and the sources annotation): never a value. `lading apply` reads the values from the sources.
 */
export class Secret extends Resource {
  readonly sources: Readonly<Record<string, SecretSource>>;
  readonly object: ApiObject<SecretObject>;

  constructor(scope: Construct, id: string, props: SecretProps) {
    super(scope, id, props, 'secret', schema);
    this.sources = { ...props.keys };
    const descriptors = Object.fromEntries(Object.keys(props.keys).sort().map((k) => [k, describeSource(props.keys[k]!)]));
    this.object = new ApiObject<SecretObject>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: this.objectMeta(this.name, { annotations: { [SECRET_SOURCES_ANNOTATION]: JSON.stringify(descriptors) } }),
      type: props.type ?? 'Opaque',
    });
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
