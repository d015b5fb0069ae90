import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Construct } from 'constructs';
import { type KubeObject, isKubeObject, isRecord } from '../manifest/object.js';
import { parseYamlStream } from '../manifest/parse-yaml.js';
import { z } from 'zod';
import { ApiObject } from './api-object.js';
import { checkProps, propsSchema } from './props.js';

export interface IncludeProps {
  /** A YAML or JSON file of Kubernetes objects (multi-document, `kind: List`); relative to the working directory. */
  readonly file: string;
}

const schema = propsSchema<IncludeProps>()({ file: z.string({ error: 'expected the path of a YAML or JSON file' }).min(1) });

/**
 * Existing manifests, included as they are (validated and ordered like every other object).
 * The file is read at construction. Every object is also reachable as `include.objects`.
 */
export class Include extends Construct {
  readonly objects: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: IncludeProps) {
    super(scope, id);
    if (!checkProps(this, schema, props)) {
      this.objects = [];
      return;
    }
    const path = resolve(props.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`${this.node.path}: props.file: cannot read ${props.file} (relative paths are relative to the working directory)`);
    }
    const parsed = parseYamlStream(text);
    if (parsed.errors.length) {
      throw new Error(`${this.node.path}: ${props.file}:${parsed.errors[0]!.line}: ${parsed.errors[0]!.message}`);
    }
    const docs: unknown[] = parsed.docs.flatMap((d) =>
      isRecord(d.value) && d.value.kind === 'List' && Array.isArray(d.value.items) ? d.value.items : [d.value],
    );
    const used = new Map<string, number>();
    this.objects = docs
      .filter((d) => d !== null && d !== undefined)
      .map((doc, i) => {
        if (!isKubeObject(doc)) throw new Error(`${this.node.path}: ${props.file}: document ${i + 1} is not a Kubernetes object (apiVersion and kind)`);
        const base = `${doc.kind}-${doc.metadata?.name ?? i}`;
        const n = used.get(base) ?? 0;
        used.set(base, n + 1);
        return new ApiObject<KubeObject>(this, n ? `${base}-${n}` : base, doc);
      });
  }
}
