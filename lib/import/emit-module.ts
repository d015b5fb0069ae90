import type { StructuralSchema } from '../validate/crd-schema.js';
import type { CrdKindVersion } from './crd-kinds.js';

/** The fields of a custom resource that are not its props (set by the class, or by controllers). */
const NOT_PROPS = new Set(['apiVersion', 'kind', 'metadata', 'status']);

const pascal = (s: string) => s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase()).replace(/^[0-9]/, (d) => `_${d}`);
const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

function docComment(text: string | undefined, indent: string): string {
  if (!text?.trim()) return '';
  const lines = text.trim().replaceAll('*/', '*\\/').split('\n');
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** Writes the TypeScript types and the zod schema of one kind's schema, naming nested objects by their path. */
class KindEmitter {
  readonly interfaces: string[] = [];

  constructor(private readonly names: Set<string>) {}

  unique(name: string): string {
    let n = name;
    for (let i = 2; this.names.has(n); i++) n = `${name}${i}`;
    this.names.add(n);
    return n;
  }

  /** The TypeScript type of a schema; objects with properties become named interfaces. */
  type(s: StructuralSchema, name: string): string {
    const base = this.baseType(s, name);
    return s.nullable ? `${base} | null` : base;
  }

  private baseType(s: StructuralSchema, name: string): string {
    if (s['x-kubernetes-int-or-string']) return 'number | string';
    if (s.enum?.length && s.enum.every((v) => typeof v === 'string')) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
    switch (s.type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'array':
        return `readonly (${s.items ? this.type(s.items, name) : 'unknown'})[]`;
      case 'object': {
        if (s.properties && Object.keys(s.properties).length) return this.interface(s, name);
        if (typeof s.additionalProperties === 'object') return `{ readonly [key: string]: ${this.type(s.additionalProperties, `${name}Value`)} }`;
        return '{ readonly [key: string]: unknown }';
      }
      default:
        return 'unknown';
    }
  }

  private interface(s: StructuralSchema, wanted: string): string {
    const name = this.unique(wanted);
    const required = new Set(s.required ?? []);
    const fields = Object.entries(s.properties ?? {}).map(
      ([prop, sub]) =>
        `${docComment(sub.description, '  ')}  readonly ${key(prop)}${required.has(prop) ? '' : '?'}: ${this.type(sub, `${name}${pascal(prop)}`)};`,
    );
    if (s['x-kubernetes-preserve-unknown-fields']) fields.push('  readonly [key: string]: unknown;');
    this.interfaces.push(`${docComment(s.description, '')}export interface ${name} {\n${fields.join('\n')}\n}\n`);
    return name;
  }

  /** The zod schema (source) of a schema: shapes and types; the CRD's schema checks the rest at synth. */
  zod(s: StructuralSchema): string {
    const base = this.zodBase(s);
    return s.nullable ? `${base}.nullable()` : base;
  }

  private zodBase(s: StructuralSchema): string {
    if (s['x-kubernetes-int-or-string']) return 'z.union([z.int(), z.string()])';
    if (s.enum?.length && s.enum.every((v) => typeof v === 'string')) return `z.enum(${JSON.stringify(s.enum)})`;
    switch (s.type) {
      case 'string':
        return 'z.string()';
      case 'integer':
        return 'z.int()';
      case 'number':
        return 'z.number()';
      case 'boolean':
        return 'z.boolean()';
      case 'array':
        return `z.array(${s.items ? this.zod(s.items) : 'z.unknown()'})`;
      case 'object': {
        if (s.properties && Object.keys(s.properties).length) {
          const required = new Set(s.required ?? []);
          const shape = Object.entries(s.properties).map(([prop, sub]) => `${key(prop)}: ${this.zod(sub)}${required.has(prop) ? '' : '.optional()'}`);
          return `${s['x-kubernetes-preserve-unknown-fields'] ? 'z.looseObject' : 'z.strictObject'}({ ${shape.join(', ')} })`;
        }
        if (typeof s.additionalProperties === 'object') return `z.record(z.string(), ${this.zod(s.additionalProperties)})`;
        return 'z.record(z.string(), z.unknown())';
      }
      default:
        return 'z.unknown()';
    }
  }
}

/** A schema without its descriptions (they are in the types' comments; validation does not read them). */
function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !(k === 'description' && typeof v === 'string'))
      .map(([k, v]) => [k, withoutDescriptions(v)]),
  );
}

/** The class name of a kind's version: the stored version gets the kind's name, others a version suffix. */
export function className(k: CrdKindVersion): string {
  return k.storage ? pascal(k.kind) : `${pascal(k.kind)}${pascal(k.version)}`;
}

/** One kind's version: its props' types, its class (with the CRD schema and the zod schema of its props). */
function emitKind(k: CrdKindVersion, names: Set<string>): string {
  const name = className(k);
  names.add(name);
  const emitter = new KindEmitter(names);
  const root = k.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const required = new Set(root.required ?? []);
  const props = Object.entries(root.properties ?? {}).filter(([p]) => !NOT_PROPS.has(p));
  const propsName = emitter.unique(`${name}Props`);
  const fields = props.map(
    ([p, sub]) => `${docComment(sub.description, '  ')}  readonly ${key(p)}${required.has(p) ? '' : '?'}: ${emitter.type(sub, `${name}${pascal(p)}`)};`,
  );
  const zodShape = props.map(([p, sub]) => `${key(p)}: ${emitter.zod(sub)}${required.has(p) ? '' : '.optional()'}`);
  const anyRequired = props.some(([p]) => required.has(p));
  const apiVersion = `${k.group}/${k.version}`;
  return `${emitter.interfaces.join('\n')}
/** Props of ${k.kind} (${apiVersion}). */
export interface ${propsName} {
  /** The object's metadata; its name defaults to the construct's id. */
  readonly metadata?: ObjectMeta;
${fields.join('\n')}
}

${docComment(root.description ?? `${k.kind} (${apiVersion}), a custom resource of ${k.crdName}.`, '')}export class ${name} extends ImportedObject {
  static readonly apiVersion = ${JSON.stringify(apiVersion)};
  static readonly kind = ${JSON.stringify(k.kind)};
  static readonly definition: ImportedKind = {
    apiVersion: ${JSON.stringify(apiVersion)},
    kind: ${JSON.stringify(k.kind)},
    namespaced: ${k.namespaced},
    crdName: ${JSON.stringify(k.crdName)},
    props: z.strictObject({ metadata: z.any().optional(), ${zodShape.join(', ')} }),
    schema: ${JSON.stringify(withoutDescriptions(k.schema) ?? null)} as ImportedKind['schema'],
  };

  constructor(scope: Construct, id: string, props: ${propsName}${anyRequired ? '' : ' = {}'}) {
    super(scope, id, ${name}.definition, props);
  }
}
`;
}

/** The TypeScript module of one API group's kinds (every served version). */
export function emitGroupModule(group: string, kinds: readonly CrdKindVersion[], source: string): string {
  const names = new Set<string>(['Construct', 'ImportedObject', 'ImportedKind', 'ObjectMeta', 'z']);
  const sorted = [...kinds].sort((a, b) => a.kind.localeCompare(b.kind) || Number(b.storage) - Number(a.storage) || a.version.localeCompare(b.version));
  return `// Generated by \`lading import\` from ${source}: API group ${group}. Do not edit: import again.
/* eslint-disable */
import { type Construct, ImportedObject, type ImportedKind, type ObjectMeta, z } from 'lading';

${sorted.map((k) => emitKind(k, names)).join('\n')}`;
}
