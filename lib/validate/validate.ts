import type { ZodType } from 'zod';
import { type KubeObject, displayName, isKubeObject } from '../manifest/object.js';
import type { Diagnostic, ObjectOrigin, ValidationInput } from './diagnostic.js';
import type { ObjectRule, RuleIssue, SetRule, Severity } from './rule.js';
import { API_SERVER_RULES, SET_RULES } from './rules/index.js';
import { schemaIssues } from './schema-issues.js';
import { type CustomKind, customKinds, uncheckedPatterns, validateCustomResource } from './crd-schema.js';
import { KNOWN_KINDS, knownKind } from './known-kinds/index.js';
import { expandLists } from './lists.js';

/** What validation needs of the Kubernetes model (lib/k8s's KubeModel satisfies it). */
export interface SchemaCatalog {
  readonly version: string;
  schema(apiVersion: string, kind: string): ZodType | undefined;
  kinds(): readonly { readonly apiVersion: string; readonly kind: string }[];
  /** The schema of a definition by OpenAPI name (ObjectMeta, for custom resources). */
  definitionSchema?(definition: string): ZodType | undefined;
  /** Whether a kind of the model is namespaced. */
  kind?(apiVersion: string, kind: string): { readonly namespaced: boolean } | undefined;
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export type { ValidationInput };

export interface ValidateOptions {
  readonly catalog: SchemaCatalog;
  /** Unknown fields are errors (the API server's strict field validation). Default true. */
  readonly strict?: boolean;
  /** A kind with no schema and no CRD among the inputs is accepted unchecked. Default false. */
  readonly ignoreMissingSchemas?: boolean;
  /** Custom kinds known besides the CRDs among the inputs (classes made by `lading import`), by "apiVersion|kind". */
  readonly customKinds?: ReadonlyMap<string, CustomKind>;
  /** What to do about a custom kind without a schema (default: the validate command's ways out). */
  readonly missingSchemaHint?: string;
  readonly rules?: readonly ObjectRule[];
  readonly setRules?: readonly SetRule[];
}

export interface ValidationResult {
  readonly diagnostics: Diagnostic[];
  readonly objects: number;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * Validates every object (schema, API server rules, cross-object rules per unit) and reports
 * every problem. Lists (`kind: List`, `ConfigMapList`, ...) are validated item by item.
 */
export function validateObjects(given: readonly ValidationInput[], options: ValidateOptions): ValidationResult {
  const inputs = expandLists(given);
  const strict = options.strict ?? true;
  const rules = options.rules ?? API_SERVER_RULES;
  const diagnostics: Diagnostic[] = [];
  const objects: KubeObject[] = [];
  const origins: ObjectOrigin[] = [];
  inputs.forEach((input, i) => {
    if (isKubeObject(input.value)) {
      objects.push(input.value);
      origins.push(input.origin);
    } else {
      diagnostics.push({
        severity: 'error',
        rule: 'object-shape',
        object: `document ${i + 1}`,
        origin: input.origin,
        path: [],
        message: 'not a Kubernetes object: expected a mapping with string fields apiVersion and kind',
      });
    }
  });
  const crds = customKinds(objects);
  const push = (o: KubeObject, origin: ObjectOrigin, rule: string, severity: Severity, issue: RuleIssue) =>
    diagnostics.push({ severity, rule, object: displayName(o), origin, path: issue.path, message: issue.message });

  const objectMeta = options.catalog.definitionSchema?.(OBJECT_META);
  const context = { kubeVersion: options.catalog.version };
  objects.forEach((o, i) => {
    const origin = origins[i]!;
    if (o.kind === 'CustomResourceDefinition') {
      for (const p of uncheckedPatterns(o)) {
        push(o, origin, 'schema', 'warning', {
          path: p.path,
          message: `pattern ${JSON.stringify(p.pattern)} is not checked: lading cannot translate it from Go's regexp syntax (${p.reason})`,
        });
      }
    }
    const schema = options.catalog.schema(o.apiVersion, o.kind);
    const custom = schema
      ? undefined
      : (crds.get(`${o.apiVersion}|${o.kind}`) ?? options.customKinds?.get(`${o.apiVersion}|${o.kind}`) ?? knownKind(o.apiVersion, o.kind));
    const issues = schema ? schemaIssues(schema, o) : custom?.schema ? validateCustomResource(custom.schema, o, objectMeta) : [];
    if (!schema && !custom && !options.ignoreMissingSchemas) {
      push(o, origin, 'schema', 'error', { path: ['kind'], message: missingSchemaMessage(o, options.catalog, options.missingSchemaHint) });
    }
    for (const issue of issues) push(o, origin, 'schema', issue.severity ?? (issue.unknownField && !strict ? 'warning' : 'error'), issue);
    const namespaced = options.catalog.kind?.(o.apiVersion, o.kind)?.namespaced ?? custom?.namespaced;
    if (namespaced === false && o.metadata?.namespace) {
      push(o, origin, 'cluster-scoped-namespace', 'warning', {
        path: ['metadata', 'namespace'],
        message: `${o.kind} is cluster-scoped: the API server ignores metadata.namespace (${JSON.stringify(o.metadata.namespace)}); remove it`,
      });
    }
    for (const rule of rules) {
      if (rule.kinds && !rule.kinds.includes(o.kind)) continue;
      for (const issue of rule.check(o, context)) push(o, origin, rule.id, issue.severity ?? rule.severity ?? 'error', issue);
    }
  });
  for (const unit of units(origins)) {
    const members = unit.map((i) => objects[i]!);
    const memberOrigins = unit.map((i) => origins[i]!);
    for (const rule of options.setRules ?? SET_RULES) {
      for (const issue of rule.checkSet(members)) {
        const i = unit[issue.index]!;
        const message = issue.message + relatedConstructs(issue.related ?? [], members, memberOrigins);
        push(objects[i]!, origins[i]!, rule.id, issue.severity ?? rule.severity ?? 'error', { ...issue, message });
      }
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { diagnostics, objects: inputs.length, errors, warnings: diagnostics.length - errors };
}

/** Indices of the objects of each unit (ObjectOrigin.unit), in input order. */
function units(origins: readonly ObjectOrigin[]): number[][] {
  const byUnit = new Map<string | undefined, number[]>();
  origins.forEach((o, i) => {
    const list = byUnit.get(o.unit);
    if (list) list.push(i);
    else byUnit.set(o.unit, [i]);
  });
  return [...byUnit.values()];
}

// For synthesized objects, the constructs the related objects come from (files name them already).
function relatedConstructs(related: readonly number[], objects: readonly KubeObject[], origins: readonly ObjectOrigin[]): string {
  const made = related.filter((r) => origins[r]?.constructPath);
  if (!made.length) return '';
  return ` [${made.map((r) => `${displayName(objects[r]!)} is made by ${origins[r]!.constructPath}`).join(', ')}]`;
}

const VALIDATE_MISSING_SCHEMA_HINT = 'include its CustomResourceDefinition in the input or pass --ignore-missing-schemas';

function missingSchemaMessage(o: KubeObject, catalog: SchemaCatalog, hint = VALIDATE_MISSING_SCHEMA_HINT): string {
  const served = catalog
    .kinds()
    .filter((k) => k.kind === o.kind)
    .map((k) => k.apiVersion);
  if (served.length > 0) {
    return `kind ${o.kind} is not served as apiVersion ${o.apiVersion} in Kubernetes ${catalog.version}: expected apiVersion ${served.join(' or ')}`;
  }
  const known = [...KNOWN_KINDS.keys()]
    .map((k) => k.split('|'))
    .filter(([, kind]) => kind === o.kind)
    .map(([v]) => v);
  if (known.length > 0) {
    return `no schema for ${o.kind} (${o.apiVersion}): lading knows apiVersion ${known.join(' or ')}; for another version, ${hint}`;
  }
  return `no schema for ${o.kind} (${o.apiVersion}) in Kubernetes ${catalog.version}: if it is a custom resource, ${hint}`;
}
