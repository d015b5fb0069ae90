import type { ZodType } from 'zod';
import { type KubeObject, displayName, isKubeObject } from '../manifest/object.js';
import type { Diagnostic, ObjectOrigin } from './diagnostic.js';
import type { ObjectRule, RuleIssue, SetRule, Severity } from './rule.js';
import { API_SERVER_RULES, SET_RULES } from './rules/index.js';
import { schemaIssues } from './schema-issues.js';
import { customKinds, validateCustomResource } from './crd-schema.js';
import { KNOWN_KINDS, knownKind } from './known-kinds/index.js';

/** What validation needs of the Kubernetes model (lib/k8s's KubeModel satisfies it). */
export interface SchemaCatalog {
  readonly version: string;
  schema(apiVersion: string, kind: string): ZodType | undefined;
  kinds(): readonly { readonly apiVersion: string; readonly kind: string }[];
}

export interface ValidationInput {
  /** A parsed document: usually a Kubernetes object, but anything may come from a file. */
  readonly value: unknown;
  readonly origin: ObjectOrigin;
}

export interface ValidateOptions {
  readonly catalog: SchemaCatalog;
  /** Unknown fields are errors (the API server's strict field validation). Default true. */
  readonly strict?: boolean;
  /** A kind with no schema and no CRD among the inputs is accepted unchecked. Default false. */
  readonly ignoreMissingSchemas?: boolean;
  readonly rules?: readonly ObjectRule[];
  readonly setRules?: readonly SetRule[];
}

export interface ValidationResult {
  readonly diagnostics: Diagnostic[];
  readonly objects: number;
  readonly errors: number;
  readonly warnings: number;
}

/** Validates every object (schema, API server rules, cross-object rules) and reports every problem. */
export function validateObjects(inputs: readonly ValidationInput[], options: ValidateOptions): ValidationResult {
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
        severity: 'error', rule: 'object-shape', object: `document ${i + 1}`, origin: input.origin, path: [],
        message: 'not a Kubernetes object: expected a mapping with string fields apiVersion and kind',
      });
    }
  });
  const crds = customKinds(objects);
  const push = (o: KubeObject, origin: ObjectOrigin, rule: string, severity: Severity, issue: RuleIssue) =>
    diagnostics.push({ severity, rule, object: displayName(o), origin, path: issue.path, message: issue.message });

  objects.forEach((o, i) => {
    const origin = origins[i]!;
    const schema = options.catalog.schema(o.apiVersion, o.kind);
    const custom = schema ? undefined : crds.get(`${o.apiVersion}|${o.kind}`) ?? knownKind(o.apiVersion, o.kind);
    const issues = schema
      ? schemaIssues(schema, o)
      : custom?.schema
        ? validateCustomResource(custom.schema, o)
        : [];
    if (!schema && !custom && !options.ignoreMissingSchemas) {
      push(o, origin, 'schema', 'error', { path: ['kind'], message: missingSchemaMessage(o, options.catalog) });
    }
    for (const issue of issues) push(o, origin, 'schema', issue.unknownField && !strict ? 'warning' : 'error', issue);
    for (const rule of rules) {
      if (rule.kinds && !rule.kinds.includes(o.kind)) continue;
      for (const issue of rule.check(o)) push(o, origin, rule.id, rule.severity ?? 'error', issue);
    }
  });
  for (const rule of options.setRules ?? SET_RULES) {
    for (const issue of rule.checkSet(objects)) {
      const message = issue.message + relatedConstructs(issue.related ?? [], objects, origins);
      push(objects[issue.index]!, origins[issue.index]!, rule.id, rule.severity ?? 'error', { ...issue, message });
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { diagnostics, objects: inputs.length, errors, warnings: diagnostics.length - errors };
}

// For synthesized objects, the constructs the related objects come from (files name them already).
function relatedConstructs(related: readonly number[], objects: readonly KubeObject[], origins: readonly ObjectOrigin[]): string {
  const made = related.filter((r) => origins[r]?.constructPath);
  if (!made.length) return '';
  return ` [${made.map((r) => `${displayName(objects[r]!)} is made by ${origins[r]!.constructPath}`).join(', ')}]`;
}

function missingSchemaMessage(o: KubeObject, catalog: SchemaCatalog): string {
  const served = catalog.kinds().filter((k) => k.kind === o.kind).map((k) => k.apiVersion);
  if (served.length > 0) {
    return `kind ${o.kind} is not served as apiVersion ${o.apiVersion} in Kubernetes ${catalog.version}: expected apiVersion ${served.join(' or ')}`;
  }
  const known = [...KNOWN_KINDS.keys()].map((k) => k.split('|')).filter(([, kind]) => kind === o.kind).map(([v]) => v);
  if (known.length > 0) {
    return `no schema for ${o.kind} (${o.apiVersion}): lading knows apiVersion ${known.join(' or ')}; for another version, include its CustomResourceDefinition in the input or pass --ignore-missing-schemas`;
  }
  return `no schema for ${o.kind} (${o.apiVersion}) in Kubernetes ${catalog.version}: if it is a custom resource, include its CustomResourceDefinition in the input or pass --ignore-missing-schemas`;
}
