import type { FieldPath } from '../manifest/source.js';
import { type KubeObject, getPath, isRecord } from '../manifest/object.js';
import type { SchemaIssue } from './schema-issues.js';

/** The subset of OpenAPI v3 that structural CRD schemas use. */
export interface StructuralSchema {
  type?: string;
  nullable?: boolean;
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

/** Validates a custom resource against its CRD's openAPIV3Schema. */
export function validateCustomResource(schema: StructuralSchema, value: KubeObject): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  check(schema, value, [], out, IMPLICIT_ROOT_FIELDS);
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

function check(s: StructuralSchema, v: unknown, path: FieldPath, out: SchemaIssue[], implicit?: Set<string>): void {
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
  if (s.enum && !s.enum.some((e) => e === v)) err(`unsupported value ${JSON.stringify(v)}: expected one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  checkBounds(s, v, err);
  for (const sub of s.allOf ?? []) check(sub, v, path, out);
  if (s.anyOf && !s.anyOf.some((sub) => quiet(sub, v))) err('does not match any of the allowed schemas (anyOf)');
  if (s.oneOf && s.oneOf.filter((sub) => quiet(sub, v)).length !== 1) err('must match exactly one of the allowed schemas (oneOf)');
  if (actual === 'array' && s.items) (v as unknown[]).forEach((item, i) => check(s.items!, item, [...path, i], out));
  if (actual === 'object') checkObject(s, v as Record<string, unknown>, path, out, implicit);
}

function checkObject(s: StructuralSchema, v: Record<string, unknown>, path: FieldPath, out: SchemaIssue[], implicit?: Set<string>): void {
  for (const name of s.required ?? []) {
    if (!(name in v)) out.push({ path: [...path, name], message: 'required field is missing', unknownField: false });
  }
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  for (const [key, child] of Object.entries(v)) {
    const prop = s.properties?.[key];
    if (prop) check(prop, child, [...path, key], out);
    else if (typeof s.additionalProperties === 'object') check(s.additionalProperties, child, [...path, key], out);
    else if (s.additionalProperties === true || preserve || implicit?.has(key) || (embedded && IMPLICIT_ROOT_FIELDS.has(key))) continue;
    else out.push({ path: [...path, key], message: `unknown field "${key}"`, unknownField: true });
  }
}

function checkBounds(s: StructuralSchema, v: unknown, err: (m: string) => void): void {
  if (typeof v === 'number') {
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) err(`must be ${s.exclusiveMinimum ? 'greater than' : 'at least'} ${s.minimum}`);
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) err(`must be ${s.exclusiveMaximum ? 'less than' : 'at most'} ${s.maximum}`);
    if (s.format === 'int32' && (v < -(2 ** 31) || v >= 2 ** 31)) err('expected an int32');
  }
  if (typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) err(`must be at least ${s.minLength} characters`);
    if (s.maxLength !== undefined && v.length > s.maxLength) err(`must be at most ${s.maxLength} characters`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) err(`must match the pattern ${s.pattern}`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) err(`must have at least ${s.minItems} items`);
    if (s.maxItems !== undefined && v.length > s.maxItems) err(`must have at most ${s.maxItems} items`);
  }
}

function quiet(s: StructuralSchema, v: unknown): boolean {
  const out: SchemaIssue[] = [];
  check(s, v, [], out);
  return out.length === 0;
}
