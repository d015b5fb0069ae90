import type { FieldPath } from '../manifest/source.js';
import { type KubeObject, getPath, isRecord } from '../manifest/object.js';
import type { ZodType } from 'zod';
import { type SchemaIssue, schemaIssues } from './schema-issues.js';
import { re2 } from './re2.js';

/** The subset of OpenAPI v3 that structural CRD schemas use. */
export interface StructuralSchema {
  type?: string;
  description?: string;
  nullable?: boolean;
  default?: unknown;
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: boolean | StructuralSchema;
  items?: StructuralSchema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  allOf?: StructuralSchema[];
  anyOf?: StructuralSchema[];
  oneOf?: StructuralSchema[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

export interface CustomKind {
  readonly schema: StructuralSchema | undefined;
  readonly namespaced: boolean;
  readonly crdName: string;
}

/** The custom kinds that CustomResourceDefinitions among the inputs define, by "apiVersion|kind". */
export function customKinds(objects: readonly KubeObject[]): Map<string, CustomKind> {
  const kinds = new Map<string, CustomKind>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition' || !o.apiVersion.startsWith('apiextensions.k8s.io/')) continue;
    const group = getPath(o, ['spec', 'group']);
    const kind = getPath(o, ['spec', 'names', 'kind']);
    const versions = getPath(o, ['spec', 'versions']);
    if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(versions)) continue;
    const namespaced = getPath(o, ['spec', 'scope']) !== 'Cluster';
    for (const v of versions) {
      if (!isRecord(v) || typeof v.name !== 'string' || v.served === false) continue;
      const schema = getPath(v, ['schema', 'openAPIV3Schema']) as StructuralSchema | undefined;
      kinds.set(`${group}/${v.name}|${kind}`, { schema, namespaced, crdName: o.metadata?.name ?? '' });
    }
  }
  return kinds;
}

// The fields every object has, which a CRD's schema need not declare.
const IMPLICIT_ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

// Of a CRD's schema of metadata the API server applies only what it says of these fields
// (kubebuilder writes `metadata: {type: object}`); the rest of metadata is ObjectMeta.
const CRD_METADATA_FIELDS = ['name', 'generateName'];

/**
 * Validates a custom resource against its CRD's openAPIV3Schema, and its metadata as ObjectMeta
 * (`objectMeta`, when the model has it) with the CRD's constraints on name and generateName.
 */
export function validateCustomResource(schema: StructuralSchema, value: KubeObject, objectMeta?: ZodType): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const { metadata, ...rest } = isRecord(schema.properties) ? schema.properties : {};
  check({ ...schema, properties: rest }, value, [], out, { implicit: IMPLICIT_ROOT_FIELDS });
  if (value.metadata !== undefined && value.metadata !== null) {
    if (objectMeta) for (const issue of schemaIssues(objectMeta, value.metadata)) out.push({ ...issue, path: ['metadata', ...issue.path] });
    const declared = isRecord(metadata) && isRecord(metadata.properties) ? metadata.properties : {};
    const constrained = Object.fromEntries(CRD_METADATA_FIELDS.flatMap((f) => (isRecord(declared[f]) ? [[f, declared[f]]] : [])));
    check({ type: 'object', properties: constrained, 'x-kubernetes-preserve-unknown-fields': true }, value.metadata, ['metadata'], out, {});
  }
  return out;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

interface CheckContext {
  /** Fields an object may have that its schema does not declare (the root's apiVersion, kind, metadata). */
  readonly implicit?: Set<string>;
  /**
   * Inside an allOf/anyOf/oneOf branch: the branch constrains values, it declares no fields
   * (structural schemas declare every field outside junctors), so a field it does not name is
   * not unknown.
   */
  readonly junctor?: boolean;
}

// A CRD in the input may be malformed (its own errors are reported by the model's schema):
// every part of it is read defensively, so that its custom resources never crash validation.
const schemas = (v: unknown): StructuralSchema[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const subSchema = (v: unknown): StructuralSchema | undefined => (isRecord(v) ? v : undefined);

function check(s: StructuralSchema, v: unknown, path: FieldPath, out: SchemaIssue[], ctx: CheckContext): void {
  if (!isRecord(s as unknown)) return;
  const err = (message: string, p: FieldPath = path) => out.push({ path: p, message, unknownField: false });
  const actual = typeOf(v);
  if (v === null) {
    if (!s.nullable && s.type) err(`expected ${s.type}, got null`);
    return;
  }
  if (s['x-kubernetes-int-or-string']) {
    if (actual !== 'integer' && actual !== 'string') err(`expected an integer or a string, got ${actual}`);
  } else if (s.type && !typeMatches(s.type, actual)) {
    err(`expected ${s.type}, got ${actual}`);
    return;
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => e === v))
    err(`unsupported value ${JSON.stringify(v)}: expected one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  checkBounds(s, v, err);
  const inJunctor = { junctor: true };
  for (const sub of schemas(s.allOf)) check(sub, v, path, out, inJunctor);
  const anyOf = schemas(s.anyOf);
  const oneOf = schemas(s.oneOf);
  if (anyOf.length && !anyOf.some((sub) => quiet(sub, v))) err('does not match any of the allowed schemas (anyOf)');
  if (oneOf.length && oneOf.filter((sub) => quiet(sub, v)).length !== 1) err('must match exactly one of the allowed schemas (oneOf)');
  const inner = { junctor: ctx.junctor };
  const items = subSchema(s.items);
  if (actual === 'array' && items) (v as unknown[]).forEach((item, i) => check(items, item, [...path, i], out, inner));
  if (actual === 'object') checkObject(s, v as Record<string, unknown>, path, out, ctx);
}

// Create, update and client-side apply prune a null of a field that is not nullable before they
// validate (as if absent). Server-side apply keeps it unless the field has a default: see below.
const pruned = (schema: StructuralSchema | undefined, value: unknown) => value === null && schema !== undefined && !schema.nullable;

function checkObject(s: StructuralSchema, v: Record<string, unknown>, path: FieldPath, out: SchemaIssue[], ctx: CheckContext): void {
  const additional = subSchema(s.additionalProperties);
  const properties = isRecord(s.properties) ? s.properties : {};
  const schemaOf = (key: string) => subSchema(Object.hasOwn(properties, key) ? properties[key] : undefined) ?? additional;
  for (const name of Array.isArray(s.required) ? s.required.filter((r) => typeof r === 'string') : []) {
    if (!(name in v) || pruned(schemaOf(name), v[name])) out.push({ path: [...path, name], message: 'required field is missing', unknownField: false });
  }
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const inner = { junctor: ctx.junctor };
  for (const [key, child] of Object.entries(v)) {
    const prop = schemaOf(key);
    if (prop) {
      if (!pruned(prop, child)) check(prop, child, [...path, key], out, inner);
      else if (prop.default === undefined && !ctx.junctor) {
        out.push({
          path: [...path, key],
          unknownField: false,
          severity: 'warning',
          message: `null where the CRD allows no null (not nullable): kubectl create and apply drop it, server-side apply (lading apply, kubectl apply --server-side) rejects it; remove the field`,
        });
      }
    } else if (ctx.junctor || s.additionalProperties === true || preserve || ctx.implicit?.has(key) || (embedded && IMPLICIT_ROOT_FIELDS.has(key))) continue;
    else out.push({ path: [...path, key], message: `unknown field "${key}"`, unknownField: true });
  }
}

function checkPattern(pattern: string, v: string, err: (m: string) => void): void {
  const re = re2(pattern);
  if (re instanceof RegExp) {
    if (!re.test(v)) err(`must match the pattern ${pattern}`);
  }
  // A pattern JavaScript cannot express is not checked (uncheckedPatterns lists them).
}

function checkBounds(s: StructuralSchema, v: unknown, err: (m: string) => void): void {
  if (typeof v === 'number') {
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum))
      err(`must be ${s.exclusiveMinimum ? 'greater than' : 'at least'} ${s.minimum}`);
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum))
      err(`must be ${s.exclusiveMaximum ? 'less than' : 'at most'} ${s.maximum}`);
    if (s.format === 'int32' && (v < -(2 ** 31) || v >= 2 ** 31)) err('expected an int32');
  }
  if (typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) err(`must be at least ${s.minLength} characters`);
    if (s.maxLength !== undefined && v.length > s.maxLength) err(`must be at most ${s.maxLength} characters`);
    if (typeof s.pattern === 'string') checkPattern(s.pattern, v, err);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) err(`must have at least ${s.minItems} items`);
    if (s.maxItems !== undefined && v.length > s.maxItems) err(`must have at most ${s.maxItems} items`);
  }
}

function quiet(s: StructuralSchema, v: unknown): boolean {
  const out: SchemaIssue[] = [];
  check(s, v, [], out, { junctor: true });
  return out.length === 0;
}

export interface UncheckedPattern {
  readonly path: FieldPath;
  readonly pattern: string;
  readonly reason: string;
}

/** The `pattern`s of a CRD's schemas that lading cannot compile (values are then not checked against them). */
export function uncheckedPatterns(crd: KubeObject): UncheckedPattern[] {
  const out: UncheckedPattern[] = [];
  const walk = (s: unknown, path: FieldPath): void => {
    if (Array.isArray(s)) s.forEach((x, i) => walk(x, [...path, i]));
    if (!isRecord(s)) return;
    for (const [k, v] of Object.entries(s)) {
      if (k === 'pattern' && typeof v === 'string') {
        const re = re2(v);
        if (re instanceof Error) out.push({ path: [...path, k], pattern: v, reason: re.message });
      } else if (typeof v === 'object' && v !== null && k !== 'enum' && k !== 'default' && k !== 'example') walk(v, [...path, k]);
    }
  };
  const versions = getPath(crd, ['spec', 'versions']);
  if (Array.isArray(versions))
    versions.forEach((v, i) => walk(getPath(v, ['schema', 'openAPIV3Schema']), ['spec', 'versions', i, 'schema', 'openAPIV3Schema']));
  return out;
}
