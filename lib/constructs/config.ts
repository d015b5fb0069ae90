import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Construct } from 'constructs';
import { z } from 'zod';
import type { ConfigMap } from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import { Chart } from './chart.js';
import { registerConfig } from './config-checksum.js';
import type { EnvReference } from './env.js';
import { propsSchema, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';

export interface ConfigProps extends ResourceProps {
  /**
   * Literal keys and values.
   * @default {}
   */
  readonly data?: Readonly<Record<string, string>>;
  /**
   * Files read at construction: `{ key: path }`, or a list of paths (the key is the file's name).
   * A relative path is relative to the working directory where lading runs (the project root);
   * for a path relative to the app file, pass `new URL('./nginx.conf', import.meta.url)`.
   * Files that are not UTF-8 text go to binaryData.
   * @default {}
   */
  readonly files?: Readonly<Record<string, string | URL>> | readonly (string | URL)[];
  /**
   * Whether the ConfigMap is immutable.
   * @default - absent (mutable)
   */
  readonly immutable?: boolean;
}

const KEY = /^[-._a-zA-Z0-9]+$/;
const key = z.string().regex(KEY, { error: 'a key may hold only letters, digits, "-", "_" and "."' });
const path = z.union([z.string().min(1), z.instanceof(URL)]);
const schema = propsSchema<ConfigProps>()({
  ...resourcePropsShape,
  data: z.record(key, z.string()).optional(),
  files: z.union([z.record(key, path), z.array(path)]).optional(),
  immutable: z.boolean().optional(),
});

/** A ConfigMap from literals and files. */
export class Config extends Resource {
  readonly object: ApiObject<ConfigMap>;

  constructor(scope: Construct, id: string, props: ConfigProps = {}) {
    super(scope, id, props, 'config', schema);
    const data: Record<string, string> = { ...props.data };
    const binaryData: Record<string, string> = {};
    const files = Array.isArray(props.files)
      ? Object.fromEntries(props.files.map((f) => [basename(typeof f === 'string' ? f : fileURLToPath(f)), f]))
      : (props.files ?? {});
    for (const [k, f] of Object.entries(files)) {
      const file = typeof f === 'string' ? resolve(f) : fileURLToPath(f);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new Error(`${this.node.path}: props.files.${k}: cannot read ${file} (relative paths are relative to the working directory)`);
      }
      if (k in data) throw new Error(`${this.node.path}: props.files.${k}: key "${k}" is also in props.data`);
      const text = bytes.toString('utf8');
      if (Buffer.from(text, 'utf8').equals(bytes)) data[k] = text;
      else binaryData[k] = bytes.toString('base64');
    }
    const object = new ApiObject<ConfigMap>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: this.objectMeta(),
      data: Object.keys(data).length ? data : undefined,
      binaryData: Object.keys(binaryData).length ? binaryData : undefined,
      immutable: props.immutable,
    });
    this.object = object;
    registerConfig(this, {
      name: this.name,
      namespace: this.namespace ?? Chart.of(this).namespace,
      data: () => ({ data: object.manifest.data, binaryData: object.manifest.binaryData }),
    });
  }

  /** The keys this Config holds. */
  get keys(): string[] {
    return [...Object.keys(this.object.manifest.data ?? {}), ...Object.keys(this.object.manifest.binaryData ?? {})];
  }

  /** An env value read from one of this Config's keys (the key must exist). */
  key(key: string): EnvReference {
    if (!this.keys.includes(key)) {
      throw new Error(`${this.node.path}: config "${this.name}" has no key "${key}" (keys: ${this.keys.join(', ') || 'none'})`);
    }
    return { valueFrom: { configMapKeyRef: { name: this.name, key } } };
  }
}
